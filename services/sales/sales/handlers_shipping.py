"""Sales' use cases of the shipping instruction (发货通知单, LOG-2).

Contract & order management issues it once the contract and the payment due before
shipment are checked; it meets LOG-2's limit and goes to logistics as
`sales.shipping_instruction_issued`. The limit ("一般提前1天向成品库和储运部门下达发货指令")
falls due 1 working day before the planned shipping date: the order's (earliest) confirmed
delivery date, not planning's goods-ready forecast; it is opened when the plan arrives and
moves when a change (SAL-8.2) moves the confirmed date.
"""

from __future__ import annotations

from datetime import date, datetime

from contracts.events.sales import InstructedLine as InstructedLineEvent
from contracts.events.sales import ShippingInstructionIssued
from contracts.rpc.common import Actor
from contracts.rpc.sales_shipping import (
    InstructedLine,
    ShippingInstructionCreate,
    ShippingInstructionPublic,
)
from sales.domain import shipping_instruction
from sales.domain.model import Order
from sales.domain.shipping_instruction import ShippingInstruction
from sales.handlers import _load
from servicekit import clock
from servicekit.timelimits import X1_TIME_LIMITS
from servicekit.workcalendar import DEFAULT_CALENDAR

LOG2 = X1_TIME_LIMITS["LOG-2.shipping_instruction"]


def instruction_subject(order_no: str) -> str:
    return f"shipping instruction of {order_no}"


def issue_shipping_instruction(actor: Actor, order_no: str,
                               instruction: ShippingInstructionCreate, uow,
                               now: datetime | None = None) -> ShippingInstructionPublic:
    """Rule LOG-2: refused until the contract and the payment due before shipment are in."""
    at = clock.now(now)
    with uow:
        order = _load(uow, actor, order_no)
        shipping_instruction.check_issuable(order, actor.roles)  # before spending a number
        issued = shipping_instruction.issue(
            order, instruction_no=uow.numbers.next("SN", order.company_id),
            ship_at=instruction.ship_at, arrival_at=instruction.arrival_at,
            arrival_place=instruction.arrival_place, note=instruction.note,
            roles=actor.roles, by=actor.username, at=at)
        uow.shipping_instructions.add(issued)
        uow.orders.save(order)
        uow.deadlines.meet(LOG2, instruction_subject(order_no), at=at)  # rule LOG-2
        uow.emit("sales.shipping_instruction_issued", ShippingInstructionIssued(
            order_no=order_no, instruction_no=issued.instruction_no,
            contract_no=issued.contract_no, customer_code=issued.customer_code,
            ship_at=issued.ship_at, arrival_at=issued.arrival_at,
            arrival_place=issued.arrival_place, issued_by=issued.issued_by,
            issued_at=issued.issued_at,
            lines=[InstructedLineEvent(product_code=line.product_code, quantity=line.quantity)
                   for line in issued.lines],
        ), company_id=order.company_id, order_no=order_no)
        uow.commit()
    return instruction_public(issued)


def list_shipping_instructions(actor: Actor, order_no: str, limit: int,
                               uow) -> list[ShippingInstructionPublic]:
    with uow:
        _load(uow, actor, order_no)
        return [instruction_public(each)
                for each in uow.shipping_instructions.for_order(order_no, limit)]


def planned_ship_day(order: Order) -> date | None:
    """Rule LOG-2: the day the goods are to ship: the order's earliest confirmed delivery
    date (None before any date is confirmed)."""
    return min((line.confirmed_date for line in order.lines if line.confirmed_date),
               default=None)


def open_instruction_limit(uow, order: Order, goods_ready_at: datetime,
                           at: datetime) -> None:
    """Rule LOG-2: the instruction is due 1 working day before the planned shipping date
    (the confirmed delivery date; planning's forecast only if no date is confirmed); one
    already issued needs no limit."""
    if uow.shipping_instructions.for_order(order.order_no, 1):
        return
    ship_day = planned_ship_day(order)
    anchor = DEFAULT_CALENDAR.start_of_business(ship_day) if ship_day else goods_ready_at
    detail = (f"{order.order_no} ships {ship_day.isoformat()}" if ship_day else
              f"goods of {order.order_no} forecast ready {goods_ready_at.isoformat()}")
    uow.deadlines.open(
        LOG2, subject=instruction_subject(order.order_no), company_id=order.company_id,
        order_no=order.order_no, opened_at=at, anchor=anchor, detail=detail)


def redate_instruction_limit(uow, order: Order) -> None:
    """Rule LOG-2, SAL-8.2: the confirmed date moved: an open limit moves with it."""
    ship_day = planned_ship_day(order)
    if ship_day is not None:
        uow.deadlines.move(LOG2, instruction_subject(order.order_no),
                           DEFAULT_CALENDAR.start_of_business(ship_day))


def instruction_public(each: ShippingInstruction) -> ShippingInstructionPublic:
    return ShippingInstructionPublic(
        instruction_no=each.instruction_no, order_no=each.order_no,
        company_id=each.company_id, contract_no=each.contract_no,
        customer_code=each.customer_code, ship_at=each.ship_at, arrival_at=each.arrival_at,
        arrival_place=each.arrival_place, note=each.note, issued_by=each.issued_by,
        issued_at=each.issued_at,
        lines=[InstructedLine(product_code=line.product_code, quantity=line.quantity)
               for line in each.lines])
