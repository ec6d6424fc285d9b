"""What callers read: OrderPublic and the journey as sales saw it (X-3, SAL-11)."""

from __future__ import annotations

from contracts.rpc.common import JourneyStage
from contracts.rpc.sales import OrderLinePublic, OrderPublic, ReviewPublic
from sales.domain.model import Order
from servicekit.journeys import stage

DEPARTMENT = "sales"


def order_public(order: Order) -> OrderPublic:
    review = order.review
    return OrderPublic(
        order_no=order.order_no, company_id=order.company_id,
        customer_code=order.customer_code, customer_grade=order.customer_grade,
        kind=order.kind, non_regular_reasons=order.non_regular_reasons,
        repeat_of=order.repeat_of, rush=order.rush, complete_set=order.complete_set,
        status=order.status, received_at=order.received_at,
        lines=[OrderLinePublic(line_no=line.line_no, product_code=line.product_code,
                               spec=line.spec, quantity=line.quantity,
                               requested_date=line.requested_date,
                               confirmed_date=line.confirmed_date, unit_price=line.unit_price)
               for line in order.lines],
        review=review and ReviewPublic(
            feasible=review.feasible, earliest_date=review.earliest_date,
            binding_constraint=review.binding_constraint, binding_kind=review.binding_kind,
            reviewed_by=review.reviewed_by,
            reviewed_at=review.reviewed_at),
        design_review=order.design_review,
        quotation_total=order.quotation_total,
        contract_no=order.contract.contract_no if order.contract else None,
        contract_total=order.contract.total if order.contract else None,
        deposit=order.contract.deposit if order.contract else None,
        paid_total=order.paid_total,
        cleared_for_shipment=order.cleared_for_shipment,
        instruction_no=order.instruction_no, decline_reason=order.decline_reason,
        planned_completion=order.planned_completion, status_note=order.status_note,
        open_service_requests=order.open_service_requests,
    )


def journey(order: Order) -> list[JourneyStage]:
    return [stage(DEPARTMENT, step.stage, step.state, step.started_at, ended_at=step.ended_at,
                  actor=step.actor, refs={"order_no": order.order_no, **step.refs},
                  summary=step.summary)
            for step in order.steps]
