"""The shipping instruction (发货通知单) as contract & order management issues it (LOG-2).

It goes to the finished-goods store and shipping only after the contract and the payment
due before shipment are checked; it states when the goods leave and when and where they
arrive. Issuing it is contract & order management's decision (a sales role, not
shipping's). Logistics works from it, and checks the payment again at dispatch.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal

from sales.domain.errors import NotAllowedToDecide, OrderRejected, StepRefused
from sales.domain.model import DECLINED, GM_ROLES, LIVE, Order

# Who issues it (LOG-2): contract & order management, or a general manager above it.
ISSUER_ROLES = ("contract_management", *GM_ROLES)
# A ship time a person may plan: not more than a day back, at most two years ahead.
PLAN_FROM, PLAN_UNTIL = timedelta(days=1), timedelta(days=731)


@dataclass(frozen=True)
class InstructedLine:
    product_code: str
    quantity: Decimal


@dataclass(frozen=True)
class ShippingInstruction:
    instruction_no: str
    order_no: str
    company_id: str
    contract_no: str
    customer_code: str
    ship_at: datetime
    arrival_at: datetime
    arrival_place: str
    note: str
    issued_by: str
    issued_at: datetime
    lines: tuple[InstructedLine, ...]


def check_issuable(order: Order, roles: list[str]) -> None:
    """Rule LOG-2: only contract & order management, and only once the contract is signed
    and the payment due before shipment (per the contract's terms) has arrived."""
    if not set(ISSUER_ROLES) & set(roles):
        raise NotAllowedToDecide("a shipping instruction is issued by contract & order "
                                 "management (LOG-2)")
    if order.status == DECLINED or order.status not in LIVE:
        raise StepRefused(f"order {order.order_no} is {order.status}: a shipping instruction "
                          "needs a signed contract and an effective order (LOG-2, SAL-6)")
    if order.contract is None:  # pragma: no cover - a live order always has one
        raise StepRefused(f"order {order.order_no} has no contract (LOG-2)")
    if not order.cleared_for_shipment:
        due = order.contract.total if order.contract.pay_in_full_before_shipment \
            else order.contract.deposit
        raise StepRefused(
            f"payment due before shipment is missing: order {order.order_no} has "
            f"{order.paid_total} of {due} due before shipment under contract "
            f"{order.contract.contract_no}; no shipping instruction until it arrives (LOG-2)",
            {"order_no": order.order_no, "paid_total": str(order.paid_total),
             "due_before_shipment": str(due), "rule": "LOG-2"})


def issue(order: Order, *, instruction_no: str, ship_at: datetime, arrival_at: datetime,
          arrival_place: str, note: str, roles: list[str], by: str,
          at: datetime) -> ShippingInstruction:
    """Rule LOG-2: the instruction for the whole order, as the contract states it."""
    check_issuable(order, roles)
    if not at - PLAN_FROM <= ship_at <= at + PLAN_UNTIL:
        raise OrderRejected(f"ship_at {ship_at.isoformat()} must lie between a day ago and "
                            "two years from now", {"field": "ship_at"})
    if arrival_at < ship_at:
        raise OrderRejected("arrival_at is before ship_at: goods arrive after they leave",
                            {"field": "arrival_at"})
    instruction = ShippingInstruction(
        instruction_no=instruction_no, order_no=order.order_no, company_id=order.company_id,
        contract_no=order.contract.contract_no, customer_code=order.customer_code,
        ship_at=ship_at, arrival_at=arrival_at,
        arrival_place=arrival_place.strip() or order.delivery_address, note=note,
        issued_by=by, issued_at=at,
        lines=tuple(InstructedLine(line.product_code, line.quantity) for line in order.lines))
    order.note("shipping instruction", at,
               f"ship {ship_at.isoformat()}, arrive {arrival_at.isoformat()} at "
               f"{instruction.arrival_place}; contract and payment checked (LOG-2)",
               refs={"instruction_no": instruction_no}, actor=by)
    return instruction
