"""Orders in and out of the sales database."""

from __future__ import annotations

from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session

from sales.adapters.tables import order_lines, order_sequence, orders
from sales.domain.model import Order, OrderLine


class SqlOrderRepository:
    def __init__(self, session: Session):
        self.session = session

    def next_sequence(self, company_id: str) -> int:
        """Per-company order counter; the write lock/transaction makes it gap-free."""
        current = self.session.execute(
            select(order_sequence.c.last_value).where(order_sequence.c.company_id == company_id)
            .with_for_update()
        ).scalar_one_or_none()
        if current is None:
            self.session.execute(insert(order_sequence).values(company_id=company_id,
                                                               last_value=1))
            return 1
        self.session.execute(update(order_sequence)
                             .where(order_sequence.c.company_id == company_id)
                             .values(last_value=current + 1))
        return current + 1

    def add(self, order: Order) -> None:
        self.session.execute(insert(orders).values(
            order_no=order.order_no, company_id=order.company_id,
            customer_code=order.customer_code, customer_grade=order.customer_grade,
            status=order.status, received_at=order.received_at,
        ))
        self.session.execute(insert(order_lines), [
            {"order_no": order.order_no, **line.__dict__} for line in order.lines
        ])

    def get(self, order_no: str) -> Order | None:
        row = self.session.execute(select(orders).where(orders.c.order_no == order_no)).first()
        if row is None:
            return None
        lines = self.session.execute(
            select(order_lines).where(order_lines.c.order_no == order_no)
            .order_by(order_lines.c.line_no)
        ).all()
        return Order(
            order_no=row.order_no, company_id=row.company_id, customer_code=row.customer_code,
            customer_grade=row.customer_grade, received_at=row.received_at, status=row.status,
            lines=[OrderLine(line.line_no, line.product_code, line.spec, line.quantity,
                             line.requested_date) for line in lines],
        )
