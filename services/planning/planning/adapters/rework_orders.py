"""Rework work orders and scrap records in and out of planning's database (QLT-4)."""

from __future__ import annotations

from sqlalchemy import select

from planning.adapters.tables import rework_orders
from planning.domain.rework_orders import ReworkOrder
from servicekit.repository import TableRepository, visible_to


class SqlReworkOrderRepository(TableRepository):
    table, key, record = rework_orders, "rework_order_no", ReworkOrder

    def for_ncr(self, ncr_no: str) -> ReworkOrder | None:
        found = self._where("ncr_no", ncr_no, "rework_order_no")
        return found[0] if found else None

    def list(self, companies, order_no=None, limit: int | None = None) -> list[ReworkOrder]:
        """Oldest first; `limit` bounds a page."""
        query = visible_to(select(rework_orders), rework_orders, companies, order_no=order_no)
        query = query.order_by(rework_orders.c.created_at, rework_orders.c.rework_order_no)
        return [self._record(r) for r in self.session.execute(query.limit(limit)).all()]
