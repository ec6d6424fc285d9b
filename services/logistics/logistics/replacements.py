"""Replacements after-sales' remedies ship (AFS-4): a separate, small flow beside the
order's own shipping notices, so the main shipping flow is untouched.

after-sales asks (aftersales.replacement_requested) → a planned replacement shipment,
linked back to the request (logistics.replacement_shipment_planned) → dispatched.
"""

from __future__ import annotations

import logging
from datetime import datetime

from contracts.envelope import EventEnvelope
from contracts.events.aftersales import ReplacementRequested
from contracts.events.logistics import ReplacementShipmentPlanned
from contracts.rpc.common import Actor
from contracts.rpc.logistics import DispatchCreate, ReplacementShipmentPublic
from logistics.adapters.replacements import ReplacementShipmentRepository
from logistics.domain.errors import NotOnRecord
from logistics.domain.replacements import ReplacementShipment
from servicekit import clock

log = logging.getLogger(__name__)


def replacement_requested(event: EventEnvelope, payload: ReplacementRequested, uow) -> None:
    """AFS-4: a replacement to ship; after-sales hears its shipment number."""
    with uow:
        shipments = _repository(uow)
        if shipments.for_request(payload.request_no) is not None:
            log.info("replacement for %s already planned; repeat ignored", payload.request_no)
            uow.commit()
            return
        planned = ReplacementShipment(
            shipment_no=uow.numbers.next("RS", event.company_id),
            request_no=payload.request_no, order_no=payload.order_no,
            company_id=event.company_id, customer_code=payload.customer_code,
            remedy=payload.remedy, planned_at=event.occurred_at, lines=list(payload.lines))
        shipments.add(planned)
        uow.emit("logistics.replacement_shipment_planned", ReplacementShipmentPlanned(
            shipment_no=planned.shipment_no, request_no=planned.request_no,
            order_no=planned.order_no), company_id=planned.company_id,
            order_no=planned.order_no)
        uow.commit()


def list_replacement_shipments(actor: Actor, order_no: str | None, request_no: str | None,
                               limit: int, uow) -> list[ReplacementShipmentPublic]:
    with uow:
        found = _repository(uow).list(actor.companies, order_no, request_no, limit=limit)
        return [_public(s) for s in found]


def dispatch_replacement(actor: Actor, shipment_no: str, dispatch: DispatchCreate, uow, *,
                         now: datetime | None = None) -> ReplacementShipmentPublic:
    """AFS-4: the replacement leaves with its carrier."""
    with uow:
        shipments = _repository(uow)
        shipment = shipments.get(shipment_no)
        if shipment is None or not actor.may_see(shipment.company_id):
            raise NotOnRecord(f"replacement shipment {shipment_no} not found")
        shipment.dispatch(carrier=dispatch.carrier, vehicle_no=dispatch.vehicle_no,
                          by=actor.username, at=clock.now(now))
        shipments.save(shipment)
        uow.commit()
    return _public(shipment)


def _repository(uow) -> ReplacementShipmentRepository:
    # built on the unit of work's session here rather than in LogisticsUnitOfWork, so this
    # additive flow leaves logistics' main shipping modules as they are
    return ReplacementShipmentRepository(uow.session)


def _public(shipment: ReplacementShipment) -> ReplacementShipmentPublic:
    return ReplacementShipmentPublic(**shipment.__dict__)
