"""The inspection criteria customer changes set for an order (SAL-8)."""

from __future__ import annotations

from quality.adapters.tables import order_criteria
from quality.domain.criteria import OrderCriteria
from servicekit.repository import TableRepository


class SqlOrderCriteria(TableRepository):
    table, key, record = order_criteria, "order_no", OrderCriteria

    def remove(self, order_no: str) -> None:
        self.session.execute(order_criteria.delete().where(
            order_criteria.c.order_no == order_no))
