"""Demands in and out of the planning database."""

from __future__ import annotations

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from planning.adapters.tables import demand_lines, demands
from planning.domain.demand import Demand, DemandLine


class SqlDemandRepository:
    def __init__(self, session: Session):
        self.session = session

    def add(self, demand: Demand) -> None:
        self.session.execute(insert(demands).values(
            order_no=demand.order_no, company_id=demand.company_id,
            customer_grade=demand.customer_grade, recorded_at=demand.recorded_at,
        ))
        self.session.execute(insert(demand_lines), [
            {"order_no": demand.order_no, **line.__dict__} for line in demand.lines
        ])

    def get(self, order_no: str) -> Demand | None:
        row = self.session.execute(select(demands).where(demands.c.order_no == order_no)).first()
        if row is None:
            return None
        lines = self.session.execute(
            select(demand_lines).where(demand_lines.c.order_no == order_no)
            .order_by(demand_lines.c.line_no)
        ).all()
        return Demand(row.order_no, row.company_id, row.customer_grade, row.recorded_at,
                      tuple(DemandLine(line.line_no, line.product_code, line.quantity,
                                       line.requested_date) for line in lines))

    def count(self) -> int:
        return len(self.session.execute(select(demands.c.order_no)).all())
