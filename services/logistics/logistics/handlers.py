"""Logistics use cases: plain functions taking a command or event and a unit of work."""

from __future__ import annotations

import logging
from datetime import UTC, datetime

from contracts.errors import Conflict, InvalidRequest, NotFound
from contracts.events.logistics import FinishedGoodsStocked, ShipmentDelivered, ShipmentDispatched
from contracts.events.quality import FinalInspectionPassed
from contracts.events.sales import OrderEffective, PaymentConfirmed
from contracts.rpc.common import Actor, JourneyStage
from contracts.rpc.logistics import (
    DeliveryConfirm,
    DispatchCreate,
    FinishedGoodsPublic,
    ShipmentCreate,
    ShipmentPublic,
)
from logistics.domain import model
from logistics.domain.journey import journey as journey_stages
from logistics.domain.lines import GoodsLine, line_from_dict
from logistics.domain.payment import PaymentNotConfirmed, PaymentStatus, check_payment_gate
from servicekit.timelimits import X1_TIME_LIMITS

log = logging.getLogger(__name__)

LOG4 = X1_TIME_LIMITS["LOG-4.delay_report"]  # the same working day


def _now(now: datetime | None) -> datetime:
    return now or datetime.now(UTC)


# -- other departments' facts, kept as logistics' own copies ----------------------------

def record_order_effective(event: OrderEffective, company_id: str, uow,
                           now: datetime | None = None) -> None:
    """Keep a copy of the live order: customer, address, lines (DESIGN.md, LOG-2)."""
    order = model.OrderCopy(
        order_no=event.order_no, company_id=company_id, customer_code=event.customer_code,
        customer_name=event.customer_name, delivery_address=event.delivery_address,
        contract_no=event.contract_no, complete_set=event.complete_set,
        lines=tuple(GoodsLine(line.product_code, line.quantity) for line in event.lines),
        received_at=_now(now),
    )
    with uow:
        uow.orders.put(order, [line.line_no for line in event.lines])
        # Goods stocked before the order copy arrived are labelled for its customer now.
        for entry in uow.finished_goods.for_order(order.order_no):
            if entry.status == "in_stock":
                uow.finished_goods.save(entry.labelled_for(order))
        uow.commit()


def record_payment(event: PaymentConfirmed, company_id: str, confirmed_at: datetime,
                   uow) -> None:
    """Keep the latest payment status (LOG-2); a late, lower confirmation changes nothing."""
    incoming = PaymentStatus(
        order_no=event.order_no, company_id=company_id, contract_no=event.contract_no,
        paid_total=event.paid_total, contract_total=event.contract_total,
        cleared_for_shipment=event.cleared_for_shipment,
        first_confirmed_at=confirmed_at, last_confirmed_at=confirmed_at,
    )
    with uow:
        current = uow.payments.get(event.order_no)
        kept = incoming if current is None else current.newer(incoming)
        if current is not None and kept.paid_total != incoming.paid_total:
            log.info("payment confirmation for %s (paid %s) is older than the copy (paid %s); "
                     "kept the copy", event.order_no, incoming.paid_total, current.paid_total)
        uow.payments.put(kept)
        uow.commit()


def stock_finished_goods(event: FinalInspectionPassed, company_id: str, uow,
                         now: datetime | None = None) -> None:
    """Rule PLN-12: passed goods are packed to factory standard and stocked."""
    stocked_at = _now(now)
    try:
        lines = tuple(line_from_dict(raw) for raw in event.lines)
    except ValueError as exc:
        # A permanent defect of the message: retrying cannot help, so record and move on.
        log.error("final inspection %s of %s has unreadable lines (%s); stocking without "
                  "lines", event.inspection_no, event.order_no, exc)
        lines = ()
    with uow:
        if uow.finished_goods.by_inspection(event.inspection_no) is not None:
            log.info("inspection %s is already stocked", event.inspection_no)
            uow.commit()
            return
        entry = model.FinishedGoods(
            stock_entry_no=uow.numbers.next("FG", company_id),
            order_no=event.order_no, company_id=company_id,
            inspection_no=event.inspection_no, stocked_at=stocked_at, lines=lines,
        )
        order = uow.orders.get(event.order_no)
        if order is not None:
            entry = entry.labelled_for(order)
        uow.finished_goods.add(entry)
        uow.emit("logistics.finished_goods_stocked", FinishedGoodsStocked(
            order_no=entry.order_no, stock_entry_no=entry.stock_entry_no,
            stocked_at=entry.stocked_at, lines=[line.as_dict() for line in entry.lines],
        ), company_id=company_id, order_no=entry.order_no)
        uow.commit()


# -- shipping ------------------------------------------------------------------------------

def prepare_shipment(actor: Actor, order_no: str, cmd: ShipmentCreate, uow,
                     now: datetime | None = None) -> ShipmentPublic:
    """Rules LOG-2, LOG-3: the shipping notice for goods in store, picking checked."""
    at = _now(now)
    with uow:
        order = uow.orders.get(order_no)
        stock = uow.finished_goods.for_order(order_no)
        company_id = order.company_id if order else (stock[0].company_id if stock else None)
        if company_id is None or not actor.may_see(company_id):
            raise NotFound(f"logistics has no record of order {order_no}")
        if order is None:
            raise Conflict(f"order {order_no} is not effective at logistics yet: "
                           f"no sales.order_effective received (LOG-2)")
        existing = uow.shipments.list(None, order_no=order_no)
        try:
            shipment = model.prepare_shipment(
                shipment_no=uow.numbers.next("SH", company_id),
                order=order, stock=stock, destination=cmd.destination,
                planned_ship_at=cmd.planned_ship_at, at=at, by=actor.username,
                existing=existing,
            )
        except model.ShippingRefused as exc:
            raise Conflict(str(exc), {"order_no": order_no}) from None
        uow.shipments.add(shipment)
        for entry in stock:
            if entry.stock_entry_no in shipment.stock_entry_nos:
                uow.finished_goods.save(model.FinishedGoods(
                    **{**entry.__dict__, "shipment_no": shipment.shipment_no}))
        if shipment.planned_ship_at is not None:
            _open_delay_report(shipment, uow, at)
        payment = uow.payments.get(order_no)
        uow.commit()
    return to_public(shipment, payment)


def _open_delay_report(shipment: model.Shipment, uow, at: datetime) -> None:
    """Rule LOG-4: goods that cannot leave on time are reported the same day.

    Anchor: the planned ship time. If the goods have not left by the close of that
    working day, the delay was known that day and is overdue; dispatch meets it.
    A breach reaches sales (`logistics.deadline_breached`), which is the report.
    """
    uow.deadlines.open(
        LOG4, subject=shipment.shipment_no,
        detail=f"shipment {shipment.shipment_no} of order {shipment.order_no} planned "
               f"to leave {shipment.planned_ship_at.isoformat()}: dispatch or report "
               f"the delay (reason, new time, ETA) the same day",
        company_id=shipment.company_id, order_no=shipment.order_no, opened_at=at,
        anchor=shipment.planned_ship_at,
    )


def dispatch_shipment(actor: Actor, shipment_no: str, cmd: DispatchCreate, uow,
                      now: datetime | None = None) -> ShipmentPublic:
    """Rules LOG-2, LOG-4: goods leave with a known carrier, only once sales cleared the
    payment. A refusal is recorded (who, when, why) for the journey."""
    at = _now(now)
    refusal: str | None = None
    with uow:
        shipment = _visible_shipment(actor, shipment_no, uow)
        carrier = uow.carriers.get(cmd.carrier.strip().upper())
        if carrier is None:
            known = ", ".join(c.code for c in uow.carriers.all())
            raise InvalidRequest(f"unknown carrier {cmd.carrier!r}: use the company vehicle or "
                                 f"a contracted carrier ({known}) (LOG-4)",
                                 {"carrier": cmd.carrier})
        if shipment.status != "prepared":
            raise Conflict(f"shipment {shipment_no} is already {shipment.status}")
        payment = uow.payments.get(shipment.order_no)
        try:
            check_payment_gate(shipment.order_no, payment)
        except PaymentNotConfirmed as exc:
            refusal = str(exc)
            uow.shipments.add_refusal(model.DispatchRefusal(
                shipment_no=shipment_no, order_no=shipment.order_no,
                company_id=shipment.company_id, refused_at=at, refused_by=actor.username,
                reason=refusal))
            uow.commit()
        if refusal is None:
            shipment = shipment.dispatch(carrier=carrier.code, vehicle_no=cmd.vehicle_no,
                                         expected_arrival=cmd.expected_arrival, at=at,
                                         by=actor.username)
            uow.shipments.save(shipment)
            for entry in uow.finished_goods.for_order(shipment.order_no):
                if entry.stock_entry_no in shipment.stock_entry_nos:
                    uow.finished_goods.save(model.FinishedGoods(
                        **{**entry.__dict__, "status": "shipped"}))
            uow.deadlines.meet(LOG4, shipment_no, at=at)
            uow.emit("logistics.shipment_dispatched", ShipmentDispatched(
                order_no=shipment.order_no, shipment_no=shipment_no, carrier=carrier.code,
                vehicle_no=cmd.vehicle_no, dispatched_at=at,
                expected_arrival=cmd.expected_arrival,
            ), company_id=shipment.company_id, order_no=shipment.order_no)
            uow.commit()
    if refusal is not None:
        raise Conflict(refusal, {"shipment_no": shipment_no, "order_no": shipment.order_no,
                                 "rule": "LOG-2"})
    return to_public(shipment, payment)


def confirm_delivery(actor: Actor, shipment_no: str, cmd: DeliveryConfirm, uow,
                     now: datetime | None = None) -> ShipmentPublic:
    """Rule LOG-6: the customer's delivery receipt is in; damage goes to aftersales."""
    at = _now(now)
    with uow:
        shipment = _visible_shipment(actor, shipment_no, uow)
        try:
            shipment = shipment.deliver(received_by=cmd.received_by, receipt_no=cmd.receipt_no,
                                        damaged=cmd.damaged, at=at, by=actor.username)
        except model.ShippingRefused as exc:
            raise Conflict(str(exc), {"shipment_no": shipment_no}) from None
        uow.shipments.save(shipment)
        uow.emit("logistics.shipment_delivered", ShipmentDelivered(
            order_no=shipment.order_no, shipment_no=shipment_no,
            customer_code=shipment.customer_code, delivered_at=at,
            received_by=cmd.received_by, receipt_no=cmd.receipt_no, damaged=cmd.damaged,
        ), company_id=shipment.company_id, order_no=shipment.order_no)
        payment = uow.payments.get(shipment.order_no)
        uow.commit()
    return to_public(shipment, payment)


def _visible_shipment(actor: Actor, shipment_no: str, uow) -> model.Shipment:
    shipment = uow.shipments.get(shipment_no, for_update=True)
    if shipment is None or not actor.may_see(shipment.company_id):
        raise NotFound(f"shipment {shipment_no} not found")
    return shipment


# -- queries ---------------------------------------------------------------------------------

def list_finished_goods(actor: Actor, status: str | None, uow) -> list[FinishedGoodsPublic]:
    with uow:
        entries = uow.finished_goods.list(actor.companies, status)
    return [FinishedGoodsPublic(
        order_no=e.order_no, company_id=e.company_id, stock_entry_no=e.stock_entry_no,
        stocked_at=e.stocked_at, lines=[line.as_dict() for line in e.lines], status=e.status,
    ) for e in entries]


def list_shipments(actor: Actor, order_no: str | None, status: str | None,
                   uow) -> list[ShipmentPublic]:
    with uow:
        found = uow.shipments.list(actor.companies, order_no=order_no, status=status)
        payments = {s.order_no: uow.payments.get(s.order_no) for s in found}
    return [to_public(s, payments[s.order_no]) for s in found]


def to_public(shipment: model.Shipment, payment: PaymentStatus | None) -> ShipmentPublic:
    return ShipmentPublic(
        shipment_no=shipment.shipment_no, order_no=shipment.order_no,
        company_id=shipment.company_id, customer_code=shipment.customer_code,
        destination=shipment.destination, status=shipment.status,
        payment_cleared=bool(payment and payment.cleared_for_shipment),
        carrier=shipment.carrier, vehicle_no=shipment.vehicle_no,
        prepared_at=shipment.prepared_at, dispatched_at=shipment.dispatched_at,
        delivered_at=shipment.delivered_at, received_by=shipment.received_by,
        receipt_no=shipment.receipt_no, lines=[line.as_dict() for line in shipment.lines],
        planned_ship_at=shipment.planned_ship_at, expected_arrival=shipment.expected_arrival,
        damaged=shipment.damaged,
    )


def journey(actor: Actor, order_no: str, uow) -> list[JourneyStage]:
    """Logistics' stages of one order; nothing for an order of another company."""
    with uow:
        order = uow.orders.get(order_no)
        payment = uow.payments.get(order_no)
        stock = uow.finished_goods.for_order(order_no)
        shipments = uow.shipments.list(None, order_no=order_no)
        refusals = uow.shipments.refusals_for_order(order_no)
    company = next((record.company_id for record in [order, payment, *stock, *shipments]
                    if record is not None), None)
    if company is None or not actor.may_see(company):
        return []
    return journey_stages(order, payment, stock, shipments, refusals)
