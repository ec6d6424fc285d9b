"""Deliveries and service requests in and out of aftersales' database."""

from __future__ import annotations

from sqlalchemy import select

from aftersales.adapters.tables import deliveries, requests
from aftersales.domain.requests import Delivery, ServiceRequest
from servicekit.repository import TableRepository, visible_to


class SqlDeliveryRepository(TableRepository):
    table, key = deliveries, "shipment_no"

    def get(self, shipment_no: str) -> Delivery | None:
        row = self.session.execute(
            select(deliveries).where(deliveries.c.shipment_no == shipment_no)).first()
        return None if row is None else Delivery(**row._mapping)

    def for_order(self, order_no: str) -> list[Delivery]:
        rows = self.session.execute(
            select(deliveries).where(deliveries.c.order_no == order_no)
            .order_by(deliveries.c.delivered_at)).all()
        return [Delivery(**row._mapping) for row in rows]


class SqlRequestRepository(TableRepository):
    table, key = requests, "request_no"

    def get(self, request_no: str) -> ServiceRequest | None:
        row = self.session.execute(
            select(requests).where(requests.c.request_no == request_no)).first()
        return None if row is None else ServiceRequest(**row._mapping)

    def list(self, companies, order_no=None, status=None, limit=None) -> list[ServiceRequest]:
        query = visible_to(select(requests), requests, companies, order_no=order_no,
                           status=status)
        query = query.order_by(requests.c.recorded_at, requests.c.request_no)
        if limit:
            query = query.limit(limit)
        return [ServiceRequest(**row._mapping) for row in self.session.execute(query).all()]
