"""Replacement shipments in and out of logistics' database (AFS-4)."""

from __future__ import annotations

from sqlalchemy import select

from logistics.adapters.tables import replacement_shipments
from logistics.domain.replacements import ReplacementShipment
from servicekit.repository import TableRepository, visible_to


class ReplacementShipmentRepository(TableRepository):
    table, key, record = replacement_shipments, "shipment_no", ReplacementShipment

    def for_request(self, request_no: str) -> ReplacementShipment | None:
        found = self._where("request_no", request_no, "shipment_no")
        return found[0] if found else None

    def list(self, companies, order_no=None, request_no=None, limit: int | None = None
             ) -> list[ReplacementShipment]:
        """Oldest first; `limit` bounds a page."""
        t = replacement_shipments
        query = visible_to(select(t), t, companies, order_no=order_no, request_no=request_no)
        query = query.order_by(t.c.planned_at, t.c.shipment_no).limit(limit)
        return [self._record(r) for r in self.session.execute(query).all()]
