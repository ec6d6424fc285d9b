"""Nonconformance records worked through the gateway (QLT-4), and the complaints that
reach them from after-sales (AFS-4).

A disposition tells the department that carries it out, through the outbox in the same
transaction: rework → planning opens a rework work order; scrap → planning's closing of
the order (PLN-13); concession → procurement accepts the lot at the reduced price
(PRC-6); return → nothing more (procurement returned the lot when IQC rejected it).
"""

from __future__ import annotations

import logging
from datetime import datetime

from contracts.envelope import EventEnvelope
from contracts.events.aftersales import QualityComplaintRaised
from contracts.events.quality import (
    ComplaintLinked,
    ConcessionGranted,
    NonconformanceStatus,
    ReworkRequested,
    ScrapRecorded,
)
from contracts.rpc.common import Actor
from contracts.rpc.quality import ClosureCreate, DispositionCreate, NonconformancePublic
from quality import views
from quality.domain import nonconformance as model
from quality.domain.errors import NonconformanceNotFound
from quality.domain.nonconformance import Nonconformance
from servicekit import clock

log = logging.getLogger(__name__)


def list_nonconformances(actor: Actor, order_no: str | None,
                         status: NonconformanceStatus | None, limit: int, uow
                         ) -> list[NonconformancePublic]:
    with uow:
        return [views.ncr_public(n) for n in
                uow.nonconformances.list(actor.companies, status, order_no, limit=limit)]


def get_nonconformance(actor: Actor, ncr_no: str, uow) -> NonconformancePublic:
    with uow:
        return views.ncr_public(_visible(actor, ncr_no, uow))


def dispose_nonconformance(actor: Actor, ncr_no: str, disposition: DispositionCreate, uow, *,
                           now: datetime | None = None) -> NonconformancePublic:
    """QLT-4: decide the disposition and its owner; the department that carries it out
    hears of it."""
    with uow:
        ncr = _visible(actor, ncr_no, uow)
        ncr.dispose(disposition=str(disposition.disposition), owner=disposition.owner,
                    by=actor.username, at=clock.now(now), cause=disposition.cause,
                    price_reduction_percent=disposition.price_reduction_percent,
                    replaced=_lot_replaced(ncr, uow))
        uow.nonconformances.save(ncr)
        _tell_who_carries_it_out(ncr, uow)
        uow.commit()
    return views.ncr_public(ncr)


def close_nonconformance(actor: Actor, ncr_no: str, closure: ClosureCreate, uow, *,
                         now: datetime | None = None) -> NonconformancePublic:
    """QLT-4: closed with the evidence the disposition was carried out."""
    with uow:
        ncr = _visible(actor, ncr_no, uow)
        ncr.close(evidence=closure.evidence, by=actor.username, at=clock.now(now))
        uow.nonconformances.save(ncr)
        uow.commit()
    return views.ncr_public(ncr)


def quality_complaint_raised(event: EventEnvelope, payload: QualityComplaintRaised,
                             uow) -> None:
    """AFS-4 → QLT-4: a customer's quality complaint joins the order's open NCR, or opens
    one; after-sales hears which."""
    with uow:
        ncrs = uow.nonconformances.for_order(payload.order_no)
        if any(payload.request_no in n.complaints for n in ncrs):
            log.info("complaint %s already linked; repeat ignored", payload.request_no)
            uow.commit()
            return
        ncr = model.open_for_order(ncrs, payload.order_no)
        joined = ncr is not None
        if ncr is None:
            ncr = Nonconformance(
                ncr_no=uow.numbers.next("NCR", event.company_id), company_id=event.company_id,
                source="complaint", source_no=payload.request_no, order_no=payload.order_no,
                cause=payload.description, disposition=model.UNDECIDED,
                opened_at=event.occurred_at, opened_by=payload.raised_by)
            ncr.join(payload.request_no)
            uow.nonconformances.add(ncr)
        else:
            ncr.join(payload.request_no)
            uow.nonconformances.save(ncr)
        uow.emit("quality.complaint_linked", ComplaintLinked(
            request_no=payload.request_no, ncr_no=ncr.ncr_no, order_no=payload.order_no,
            joined=joined), company_id=ncr.company_id, order_no=payload.order_no)
        uow.commit()


def _visible(actor: Actor, ncr_no: str, uow) -> Nonconformance:
    ncr = uow.nonconformances.get(ncr_no)
    if ncr is None or not actor.may_see(ncr.company_id):
        raise NonconformanceNotFound(f"NCR {ncr_no} not found", {"ncr_no": ncr_no})
    return ncr


def _lot_replaced(ncr: Nonconformance, uow) -> bool:
    if ncr.source != "lot":
        return False
    return any(lot.replacement_for == ncr.source_no
               for lot in uow.lots.list(None, order_no=ncr.order_no))


def _tell_who_carries_it_out(ncr: Nonconformance, uow) -> None:
    where = dict(company_id=ncr.company_id, order_no=ncr.order_no)
    if ncr.disposition == "rework":
        uow.emit("quality.rework_requested", ReworkRequested(
            ncr_no=ncr.ncr_no, order_no=ncr.order_no, product_code=ncr.product_code,
            quantity=ncr.quantity, reason=ncr.cause, owner=ncr.owner), **where)
    elif ncr.disposition == "scrap":
        uow.emit("quality.scrap_recorded", ScrapRecorded(
            ncr_no=ncr.ncr_no, order_no=ncr.order_no, product_code=ncr.product_code,
            quantity=ncr.quantity, reason=ncr.cause), **where)
    elif ncr.disposition == "concession":
        lot = uow.lots.get(ncr.source_no)
        uow.emit("quality.concession_granted", ConcessionGranted(
            ncr_no=ncr.ncr_no, lot_no=lot.lot_no, po_no=lot.po_no, order_no=ncr.order_no,
            price_reduction_percent=ncr.price_reduction_percent, decided_by=ncr.disposed_by,
            decided_at=ncr.disposed_at), **where)
