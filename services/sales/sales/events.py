"""Sales' integration events, built from the order (contracts/events/sales.py)."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

from contracts.events.sales import (
    ConfirmedLine,
    OrderDeclined,
    OrderEffective,
    OrderLine,
    OrderReceived,
    PaymentConfirmed,
    PaymentReversed,
    ProductionInstructionIssued,
)
from sales.domain.model import Order


def _emit(uow, event_type: str, order: Order, payload) -> None:
    uow.emit(event_type, payload, company_id=order.company_id, order_no=order.order_no)


def _confirmed_lines(order: Order) -> list[ConfirmedLine]:
    return [ConfirmedLine(line_no=line.line_no, product_code=line.product_code,
                          quantity=line.quantity,
                          confirmed_date=line.confirmed_date or line.requested_date)
            for line in order.lines]


def order_received(uow, order: Order) -> None:
    _emit(uow, "sales.order_received", order, OrderReceived(
        order_no=order.order_no, customer_code=order.customer_code,
        customer_grade=order.customer_grade, kind=order.kind,
        non_regular_reasons=order.non_regular_reasons, repeat_of=order.repeat_of,
        rush=order.rush, complete_set=order.complete_set,
        lines=[OrderLine(line_no=line.line_no, product_code=line.product_code, spec=line.spec,
                         quantity=line.quantity, requested_date=line.requested_date)
               for line in order.lines]))


def order_declined(uow, order: Order, approved_by: str) -> None:
    _emit(uow, "sales.order_declined", order, OrderDeclined(
        order_no=order.order_no, reason=order.decline_reason or "", approved_by=approved_by))


def payment_confirmed(uow, order: Order, amount: Decimal) -> None:
    _emit(uow, "sales.payment_confirmed", order, PaymentConfirmed(
        order_no=order.order_no, contract_no=order.contract.contract_no, amount=amount,
        paid_total=order.paid_total, contract_total=order.contract.total,
        cleared_for_shipment=order.cleared_for_shipment))


def payment_reversed(uow, order: Order, payment_no: int, amount: Decimal,
                     reason: str) -> None:
    _emit(uow, "sales.payment_reversed", order, PaymentReversed(
        order_no=order.order_no, contract_no=order.contract.contract_no,
        payment_no=payment_no, amount=amount, paid_total=order.paid_total,
        contract_total=order.contract.total, cleared_for_shipment=order.cleared_for_shipment,
        reason=reason))


def order_effective(uow, order: Order) -> None:
    _emit(uow, "sales.order_effective", order, OrderEffective(
        order_no=order.order_no, customer_code=order.customer_code,
        customer_name=order.customer_name, delivery_address=order.delivery_address,
        complete_set=order.complete_set, contract_no=order.contract.contract_no,
        contract_total=order.contract.total, lines=_confirmed_lines(order)))


def production_instruction_issued(uow, order: Order) -> None:
    _emit(uow, "sales.production_instruction_issued", order, ProductionInstructionIssued(
        order_no=order.order_no, instruction_no=order.instruction_no,
        customer_grade=order.customer_grade, complete_set=order.complete_set,
        non_regular=order.non_regular, lines=_confirmed_lines(order),
        issued_at=order.instructed_at or datetime.now(UTC)))
