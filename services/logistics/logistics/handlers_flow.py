"""Logistics' use cases around a shipment's departure: the same-day delay report (LOG-4)
and the missing parts of a short shipment, shipped later on their own (LOG-5)."""

from __future__ import annotations

from datetime import datetime

from contracts.events.logistics import ShipmentDelayed
from contracts.rpc.common import Actor
from contracts.rpc.logistics import (
    DelayReport,
    MissingPartsPublic,
    MissingPartsShipmentCreate,
    ShipmentPublic,
)
from logistics import views
from logistics.domain import model
from logistics.domain.errors import NotOnRecord
from logistics.handlers import LOG4, _open_delay_report, _visible_shipment
from servicekit import clock


def report_delay(actor: Actor, shipment_no: str, delay: DelayReport, uow,
                 now: datetime | None = None) -> ShipmentPublic:
    """Rule LOG-4: goods that cannot leave on time are reported to contract management the
    same day with the reason, the new ship time and the ETA. The report meets the limit of
    the old time; the new time has a limit of its own."""
    at = clock.now(now)
    with uow:
        shipment = _visible_shipment(actor, shipment_no, uow)
        model.check_plausible("new_ship_at", delay.new_ship_at, at)
        model.check_plausible("expected_arrival", delay.expected_arrival, at)
        uow.deadlines.meet(LOG4, shipment.delay_subject, at=at)
        shipment = shipment.delayed(new_ship_at=delay.new_ship_at,
                                    expected_arrival=delay.expected_arrival)
        uow.shipments.save(shipment)
        _open_delay_report(shipment, uow, at)
        uow.emit("logistics.shipment_delayed", ShipmentDelayed(
            order_no=shipment.order_no, shipment_no=shipment_no, reason=delay.reason,
            new_ship_at=delay.new_ship_at, expected_arrival=delay.expected_arrival,
            reported_by=actor.username, reported_at=at,
        ), company_id=shipment.company_id, order_no=shipment.order_no)
        payment = uow.payments.get(shipment.order_no)
        uow.commit()
    return views.shipment_public(shipment, payment)


def ship_missing_parts(actor: Actor, missing_no: str, shipment: MissingPartsShipmentCreate,
                       uow, now: datetime | None = None) -> ShipmentPublic:
    """Rule LOG-5: the missing parts leave later, as a shipment of their own."""
    at = clock.now(now)
    with uow:
        missing = uow.missing_parts.get(missing_no, for_update=True)
        if missing is None or not actor.may_see(missing.company_id):
            raise NotOnRecord(f"missing parts {missing_no} not found")
        model.check_plausible("planned_ship_at", shipment.planned_ship_at, at)
        short = uow.shipments.get(missing.short_shipment_no)
        notice = model.prepare_missing_parts_shipment(
            shipment_no=uow.numbers.next("SH", missing.company_id), missing=missing,
            order=uow.orders.get(missing.order_no), instruction_no=short.instruction_no,
            destination=shipment.destination or short.destination,
            planned_ship_at=shipment.planned_ship_at, at=at, by=actor.username)
        uow.shipments.add(notice)
        uow.missing_parts.save(missing.with_shipment(notice.shipment_no))
        if notice.planned_ship_at is not None:
            _open_delay_report(notice, uow, at)
        payment = uow.payments.get(missing.order_no)
        uow.commit()
    return views.shipment_public(notice, payment)


def list_missing_parts(actor: Actor, order_no: str | None, limit: int,
                       uow) -> list[MissingPartsPublic]:
    with uow:
        return [views.missing_parts_public(each)
                for each in uow.missing_parts.list(actor.companies, order_no, limit)]
