"""Planning's demand lines re-written by a customer change before the order is planned."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import select, update

from planning.adapters.tables import demand_lines
from servicekit.repository import Repository


class SqlDemandLines(Repository):
    def quantities(self, order_no: str) -> dict[int, Decimal]:
        rows = self.session.execute(select(demand_lines.c.line_no, demand_lines.c.quantity)
                                    .where(demand_lines.c.order_no == order_no)).all()
        return {row.line_no: row.quantity for row in rows}

    def set_quantity(self, order_no: str, line_no: int, quantity: Decimal) -> None:
        self.session.execute(update(demand_lines).where(
            demand_lines.c.order_no == order_no, demand_lines.c.line_no == line_no)
            .values(quantity=quantity))
