"""Logistics use cases for the gateway: `f(actor, payload..., uow)`; `with uow: ...; uow.commit()`.

They scope every order and shipment to the actor's companies (another company's is not
on record), raise logistics' refusals (domain/errors.py; servicekit.rpcs maps them to
wire errors once) and emit logistics' events through the outbox in the same
transaction as the change.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from contracts.events.logistics import ShipmentDelivered, ShipmentDispatched
from contracts.rpc.common import Actor, JourneyStage
from contracts.rpc.logistics import (
    DeliveryConfirm,
    DispatchCreate,
    FinishedGoodsPublic,
    ShipmentCreate,
    ShipmentPublic,
    ShipmentStatus,
    StockStatus,
)
from logistics import views
from logistics.domain import model
from logistics.domain.errors import NotOnRecord, ShippingRefused, ShippingRejected
from logistics.domain.instruction import require_instruction
from logistics.domain.lines import GoodsLine
from logistics.domain.missing_parts import DELIVERED as MISSING_DELIVERED
from logistics.domain.missing_parts import SHIPPED as MISSING_SHIPPED
from logistics.domain.missing_parts import Consent, MissingParts, order_complete
from logistics.domain.payment import gate_refusal
from logistics.feedback import open_carrier_claim
from servicekit import clock
from servicekit.timelimits import X1_TIME_LIMITS

LOG4 = X1_TIME_LIMITS["LOG-4.delay_report"]  # the same working day


# -- shipping ------------------------------------------------------------------------------

def prepare_shipment(actor: Actor, order_no: str, shipment: ShipmentCreate, uow,
                     now: datetime | None = None) -> ShipmentPublic:
    """Rules LOG-2, LOG-3, LOG-5: the shipment from contract & order management's shipping
    instruction, for goods in store, picking checked; short only with the customer's
    consent, the missing parts recorded with an owner."""
    at = clock.now(now)
    with uow:
        order = uow.orders.get(order_no)
        stock = uow.finished_goods.for_order(order_no)
        company_id = order.company_id if order else (stock[0].company_id if stock else None)
        if company_id is None or not actor.may_see(company_id):
            raise NotOnRecord(f"logistics has no record of order {order_no}")
        if order is None:
            raise ShippingRefused(f"order {order_no} is not effective at logistics yet: "
                                  f"no sales.order_effective received (LOG-2)",
                                  {"order_no": order_no})
        instruction = require_instruction(order_no, uow.instructions.for_order(order_no))
        model.check_plausible("planned_ship_at", shipment.planned_ship_at, at)
        short = shipment.short_shipment
        consent = short and Consent(short.given_by, short.given_at, str(short.channel),
                                    actor.username)
        if consent:
            consent.check(at)
        picked = shipment.picked and tuple(GoodsLine(line.product_code, line.quantity)
                                           for line in shipment.picked)
        notice, shortage = model.prepare_shipment(
            shipment_no=uow.numbers.next("SH", company_id),
            order=order, stock=stock, instruction=instruction, picked=picked,
            consented=consent is not None, destination=shipment.destination,
            planned_ship_at=shipment.planned_ship_at, at=at, by=actor.username,
            existing=uow.shipments.list(None, order_no=order_no),
        )
        if shortage:  # rule LOG-5: the missing parts are owned and ship later
            missing = _record_missing_parts(notice, shortage, consent,
                                            short.missing_parts_owner, uow, at)
            notice = replace(notice, missing_parts_no=missing.missing_no)
        uow.shipments.add(notice)
        for entry in stock:
            if entry.stock_entry_no in notice.stock_entry_nos:
                uow.finished_goods.save(entry.reserved_for(notice.shipment_no))
        if notice.planned_ship_at is not None:
            _open_delay_report(notice, uow, at)
        payment = uow.payments.get(order_no)
        uow.commit()
    return views.shipment_public(notice, payment)


def _record_missing_parts(short_shipment: model.Shipment, shortage: dict, consent: Consent,
                          owner: str, uow, at: datetime) -> MissingParts:
    missing = MissingParts(
        missing_no=uow.numbers.next("MP", short_shipment.company_id),
        order_no=short_shipment.order_no, company_id=short_shipment.company_id,
        short_shipment_no=short_shipment.shipment_no,
        lines=tuple(GoodsLine(product, quantity) for product, quantity in shortage.items()),
        owner=owner, consent_given_by=consent.given_by, consent_given_at=consent.given_at,
        consent_channel=consent.channel, recorded_by=consent.recorded_by, recorded_at=at)
    uow.missing_parts.add(missing)
    return missing


def _open_delay_report(shipment: model.Shipment, uow, at: datetime) -> None:
    """Rule LOG-4: goods that cannot leave on time are reported the same day.

    Anchor: the planned ship time. If the goods have not left by the close of that
    working day, the delay was known that day and is overdue; dispatch meets it.
    A breach reaches sales (`logistics.deadline_breached`), which is the report.
    """
    uow.deadlines.open(
        LOG4, subject=shipment.delay_subject,
        detail=f"shipment {shipment.shipment_no} of order {shipment.order_no} planned "
               f"to leave {shipment.planned_ship_at.isoformat()}: dispatch or report "
               f"the delay (reason, new time, ETA) the same day",
        company_id=shipment.company_id, order_no=shipment.order_no, opened_at=at,
        anchor=shipment.planned_ship_at,
    )


def dispatch_shipment(actor: Actor, shipment_no: str, dispatch: DispatchCreate, uow,
                      now: datetime | None = None) -> ShipmentPublic:
    """Rules LOG-2, LOG-4: goods leave with a known carrier, only once sales cleared the
    payment. A refusal by the payment gate stays on record (who, when, why) for the
    journey, though the command itself is refused."""
    at = clock.now(now)
    with uow:
        shipment = _visible_shipment(actor, shipment_no, uow)
        model.check_plausible("expected_arrival", dispatch.expected_arrival, at)
        carrier = uow.carriers.get(dispatch.carrier.strip().upper())
        if carrier is None:
            known = ", ".join(c.code for c in uow.carriers.all())
            raise ShippingRejected(f"unknown carrier {dispatch.carrier!r}: use the company "
                                   f"vehicle or a contracted carrier ({known}) (LOG-4)",
                                   {"carrier": dispatch.carrier})
        shipment.check_dispatchable()
        payment = uow.payments.get(shipment.order_no)
        refusal = gate_refusal(shipment.order_no, payment)
        if refusal is None:
            order = uow.orders.get(shipment.order_no)
            shipment = shipment.dispatch(carrier=carrier.code, vehicle_no=dispatch.vehicle_no,
                                         expected_arrival=dispatch.expected_arrival, at=at,
                                         by=actor.username,
                                         signed_receipt_by=dispatch.signed_receipt_by,
                                         customer_name=order.customer_name if order else "")
            uow.shipments.save(shipment)
            for entry in uow.finished_goods.for_order(shipment.order_no):
                if entry.stock_entry_no in shipment.stock_entry_nos:
                    uow.finished_goods.save(entry.shipped())
            _move_missing_parts(shipment, MISSING_SHIPPED, uow)
            uow.deadlines.meet(LOG4, shipment.delay_subject, at=at)  # rule LOG-4
            uow.emit("logistics.shipment_dispatched", ShipmentDispatched(
                order_no=shipment.order_no, shipment_no=shipment_no, carrier=carrier.code,
                vehicle_no=dispatch.vehicle_no, dispatched_at=at,
                expected_arrival=dispatch.expected_arrival,
            ), company_id=shipment.company_id, order_no=shipment.order_no)
            uow.commit()
            return views.shipment_public(shipment, payment)
    # Rule LOG-2, X-3: the refused attempt is recorded apart from the refused command.
    uow.record_refusal(model.DispatchRefusal(
        shipment_no=shipment_no, order_no=shipment.order_no, company_id=shipment.company_id,
        refused_at=at, refused_by=actor.username, reason=refusal.message))
    refusal.details["shipment_no"] = shipment_no
    raise refusal


def confirm_delivery(actor: Actor, shipment_no: str, delivery: DeliveryConfirm, uow,
                     now: datetime | None = None) -> ShipmentPublic:
    """Rule LOG-6: the customer's delivery receipt is in; damage goes to aftersales."""
    at = clock.now(now)
    with uow:
        shipment = _visible_shipment(actor, shipment_no, uow).deliver(
            received_by=delivery.received_by, receipt_no=delivery.receipt_no,
            damaged=delivery.damaged, at=at, by=actor.username)
        uow.shipments.save(shipment)
        _move_missing_parts(shipment, MISSING_DELIVERED, uow)
        if delivery.damaged:  # rule LOG-6: a claim against the carrier
            open_carrier_claim(shipment, delivery, uow, at, actor.username)
        complete = order_complete(
            [each.status for each in uow.shipments.list(None, order_no=shipment.order_no)],
            uow.missing_parts.for_order(shipment.order_no))
        uow.emit("logistics.shipment_delivered", ShipmentDelivered(
            order_no=shipment.order_no, shipment_no=shipment_no,
            customer_code=shipment.customer_code, delivered_at=at,
            received_by=delivery.received_by, receipt_no=delivery.receipt_no,
            damaged=delivery.damaged, damage=delivery.damage, order_complete=complete,
        ), company_id=shipment.company_id, order_no=shipment.order_no)
        payment = uow.payments.get(shipment.order_no)
        uow.commit()
    return views.shipment_public(shipment, payment)


def _move_missing_parts(shipment: model.Shipment, status: str, uow) -> None:
    """Rule LOG-5: the missing parts follow their own shipment to delivery."""
    if shipment.missing_parts_no is None:
        return
    missing = uow.missing_parts.get(shipment.missing_parts_no, for_update=True)
    if missing is not None and missing.shipment_no == shipment.shipment_no:
        uow.missing_parts.save(missing.moved(status))


def _visible_shipment(actor: Actor, shipment_no: str, uow) -> model.Shipment:
    shipment = uow.shipments.get(shipment_no, for_update=True)
    if shipment is None or not actor.may_see(shipment.company_id):
        raise NotOnRecord(f"shipment {shipment_no} not found", {"shipment_no": shipment_no})
    return shipment


# -- queries ---------------------------------------------------------------------------------

def list_finished_goods(actor: Actor, status: StockStatus | None, limit: int,
                        uow) -> list[FinishedGoodsPublic]:
    with uow:
        entries = uow.finished_goods.list(actor.companies, status and str(status), limit)
    return [views.finished_goods_public(entry) for entry in entries]


def list_shipments(actor: Actor, order_no: str | None, status: ShipmentStatus | None,
                   limit: int, uow) -> list[ShipmentPublic]:
    with uow:
        found = uow.shipments.list(actor.companies, order_no=order_no,
                                   status=status and str(status), limit=limit)
        payments = {s.order_no: uow.payments.get(s.order_no) for s in found}
    return [views.shipment_public(s, payments[s.order_no]) for s in found]


def journey(actor: Actor, order_no: str, uow) -> list[JourneyStage]:
    """Logistics' stages of one order; nothing for an order it does not hold, or one of
    another company."""
    with uow:
        order = uow.orders.get(order_no)
        payment = uow.payments.get(order_no)
        stock = uow.finished_goods.for_order(order_no)
        shipments = uow.shipments.list(None, order_no=order_no)
        refusals = uow.shipments.refusals_for_order(order_no)
        more = views.flow_stages(uow.instructions.for_order(order_no),
                                 uow.missing_parts.for_order(order_no),
                                 uow.investigations.for_order(order_no),
                                 uow.claims.for_order(order_no)) + \
            views.packaging_stages(uow.packaging.get(order_no))
    company = next((record.company_id for record in [order, payment, *stock, *shipments]
                    if record is not None), None)
    if company is None or not actor.may_see(company):
        return []
    return views.journey(order, payment, stock, shipments, refusals, more)
