"""Remedies linked to their cause (AFS-4): use cases and what quality and logistics report
back about them.

Choosing the remedy tells, through the outbox in the same transaction, logistics to ship
a replacement (or parts) and quality to open or join an NCR for quality feedback; their
answers link the replacement shipment and the NCR to the remedy, so each side shows the
others' numbers.
"""

from __future__ import annotations

import logging
from datetime import datetime

from aftersales.domain import remedies as model
from aftersales.domain.errors import RequestNotFound
from aftersales.domain.remedies import Remedy
from aftersales.handlers import _visible
from contracts.envelope import EventEnvelope
from contracts.events.aftersales import QualityComplaintRaised, ReplacementRequested
from contracts.events.logistics import ReplacementShipmentPlanned
from contracts.events.quality import ComplaintLinked
from contracts.rpc.aftersales import RemedyCreate, RemedyPublic
from contracts.rpc.common import Actor
from servicekit import clock

log = logging.getLogger(__name__)


def plan_remedy(actor: Actor, request_no: str, remedy: RemedyCreate, uow, *,
                now: datetime | None = None) -> RemedyPublic:
    """AFS-4: the remedy, once the customer was contacted; logistics and quality hear."""
    with uow:
        request = _visible(actor, request_no, uow)
        chosen = model.plan(request, uow.remedies.get(request_no), kind=remedy.kind,
                            notes=remedy.notes,
                            lines=[line.model_dump(mode="json") for line in remedy.lines],
                            quality_feedback=remedy.quality_feedback, by=actor.username,
                            at=clock.now(now))
        uow.remedies.add(chosen)
        where = dict(company_id=chosen.company_id, order_no=chosen.order_no)
        if chosen.ships:
            uow.emit("aftersales.replacement_requested", ReplacementRequested(
                request_no=request_no, order_no=chosen.order_no,
                customer_code=chosen.customer_code, remedy=chosen.kind,
                lines=chosen.lines), **where)
        if chosen.quality_feedback:
            uow.emit("aftersales.quality_complaint_raised", QualityComplaintRaised(
                request_no=request_no, order_no=chosen.order_no,
                description=f"{request.description} — {chosen.notes}",
                raised_by=actor.username), **where)
        uow.commit()
    return remedy_public(chosen)


def get_remedy(actor: Actor, request_no: str, uow) -> RemedyPublic:
    with uow:
        _visible(actor, request_no, uow)
        found = uow.remedies.get(request_no)
    if found is None:
        raise RequestNotFound(f"request {request_no} has no remedy yet")
    return remedy_public(found)


def complaint_linked(event: EventEnvelope, payload: ComplaintLinked, uow) -> None:
    """QLT-4: quality opened or joined this NCR for the complaint."""
    _link(payload.request_no, uow, ncr_no=payload.ncr_no)


def replacement_shipment_planned(event: EventEnvelope, payload: ReplacementShipmentPlanned,
                                 uow) -> None:
    """LOG: the replacement is on logistics' books under this shipment."""
    _link(payload.request_no, uow, replacement_shipment_no=payload.shipment_no)


def remedy_public(remedy: Remedy) -> RemedyPublic:
    return RemedyPublic(**{k: v for k, v in remedy.__dict__.items() if k != "customer_code"})


def _link(request_no: str, uow, **numbers: str) -> None:
    with uow:
        remedy = uow.remedies.get(request_no)
        if remedy is None:  # never expected: the remedy is committed before its events
            log.warning("link %s for request %s without a remedy ignored", numbers, request_no)
        else:
            for name, value in numbers.items():
                setattr(remedy, name, value)
            uow.remedies.save(remedy)
        uow.commit()
