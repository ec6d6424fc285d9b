"""Planning use cases: plain functions taking a command or event and a unit of work."""

from __future__ import annotations

from datetime import UTC, datetime

from contracts.errors import NotFound
from contracts.events.sales import OrderReceived
from contracts.rpc.planning import DemandLinePublic, DemandPublic

from planning.domain.demand import Demand, DemandLine


def record_demand(event: OrderReceived, company_id: str, uow) -> None:
    """An order sales received becomes demand planning must plan for."""
    with uow:
        uow.demands.add(Demand(
            order_no=event.order_no, company_id=company_id,
            customer_grade=event.customer_grade, recorded_at=datetime.now(UTC),
            lines=tuple(DemandLine(line.line_no, line.product_code, line.quantity,
                                   line.requested_date) for line in event.lines),
        ))
        uow.commit()


def get_demand(order_no: str, uow) -> DemandPublic:
    with uow:
        demand = uow.demands.get(order_no)
    if demand is None:
        raise NotFound(f"planning has no demand for order {order_no}")
    return DemandPublic(
        order_no=demand.order_no, company_id=demand.company_id,
        customer_grade=demand.customer_grade, recorded_at=demand.recorded_at,
        lines=[DemandLinePublic(**line.__dict__) for line in demand.lines],
    )
