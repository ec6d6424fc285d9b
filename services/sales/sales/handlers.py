"""Sales use cases: plain functions taking a command and a unit of work."""

from __future__ import annotations

from datetime import UTC, datetime

from contracts.errors import InvalidRequest, NotFound
from contracts.events.sales import OrderLine as OrderLineEvent
from contracts.events.sales import OrderReceived as OrderReceivedEvent
from contracts.rpc.sales import OrderCreate, OrderLinePublic, OrderPublic

from sales.domain import model


def receive_order(cmd: OrderCreate, uow, now: datetime | None = None) -> OrderPublic:
    """Record a customer order (SAL-1) and tell planning it exists."""
    with uow:
        sequence = uow.orders.next_sequence(cmd.company_id)
        try:
            order = model.receive_order(
                order_no=model.order_number(cmd.company_id, sequence),
                company_id=cmd.company_id, customer_code=cmd.customer_code,
                customer_grade=cmd.customer_grade,
                lines=[line.model_dump() for line in cmd.lines],
                received_at=now or datetime.now(UTC),
            )
        except model.OrderRejected as exc:
            raise InvalidRequest(str(exc)) from None
        uow.orders.add(order)
        for event in order.events:
            publish_integration_event(event, uow)
        uow.commit()
    return to_public(order)


def get_order(order_no: str, uow) -> OrderPublic:
    with uow:
        order = uow.orders.get(order_no)
    if order is None:
        raise NotFound(f"order {order_no} not found")
    return to_public(order)


def publish_integration_event(event, uow) -> None:
    """Domain events stay inside; their integration-event translations leave."""
    if isinstance(event, model.OrderReceived):
        order = event.order
        uow.emit(
            "sales.order_received",
            OrderReceivedEvent(
                order_no=order.order_no, customer_code=order.customer_code,
                customer_grade=order.customer_grade,
                lines=[OrderLineEvent(line_no=line.line_no, product_code=line.product_code,
                                      spec=line.spec, quantity=line.quantity,
                                      requested_date=line.requested_date)
                       for line in order.lines],
            ),
            company_id=order.company_id, order_no=order.order_no,
        )


def to_public(order: model.Order) -> OrderPublic:
    return OrderPublic(
        order_no=order.order_no, company_id=order.company_id,
        customer_code=order.customer_code, customer_grade=order.customer_grade,
        status=order.status, received_at=order.received_at,
        lines=[OrderLinePublic(line_no=line.line_no, product_code=line.product_code,
                               spec=line.spec, quantity=line.quantity,
                               requested_date=line.requested_date) for line in order.lines],
    )
