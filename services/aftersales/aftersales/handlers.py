"""Aftersales use cases: plain functions taking a command or event and a unit of work."""

from __future__ import annotations

import logging
from datetime import UTC, datetime

from aftersales.domain import requests as model
from aftersales.domain.requests import Delivery, ServiceRequest
from contracts.errors import Conflict, InvalidRequest, NotFound
from contracts.events.aftersales import ServiceRequested, ServiceResolved
from contracts.events.logistics import ShipmentDelivered
from contracts.rpc.aftersales import (
    ContactCreate,
    ResolutionCreate,
    ServiceRequestCreate,
    ServiceRequestPublic,
)
from contracts.rpc.common import Actor, JourneyStage
from servicekit.timelimits import X1_TIME_LIMITS, TimeLimit

log = logging.getLogger(__name__)

FORWARD_LIMIT = X1_TIME_LIMITS["AFS-1.forward"]   # 60 working minutes
CONTACT_LIMIT = X1_TIME_LIMITS["AFS-2.contact"]   # 2 working hours


def _now(now: datetime | None) -> datetime:
    return now or datetime.now(UTC)


def record_delivery(event: ShipmentDelivered, company_id: str, uow) -> None:
    """LOG-6: the customer has the goods; after-sales may now take requests on the order."""
    with uow:
        if uow.deliveries.get(event.shipment_no) is not None:
            log.info("shipment %s already recorded as delivered; ignored", event.shipment_no)
        else:
            uow.deliveries.add(Delivery(
                shipment_no=event.shipment_no, order_no=event.order_no, company_id=company_id,
                customer_code=event.customer_code, delivered_at=event.delivered_at,
                damaged=event.damaged))
        uow.commit()


def open_request(actor: Actor, cmd: ServiceRequestCreate, uow,
                 now: datetime | None = None) -> ServiceRequestPublic:
    """AFS-1: record a request on a delivered order; forwarding is due in 60 working min."""
    with uow:
        deliveries = uow.deliveries.for_order(cmd.order_no)
        if deliveries and not any(actor.may_see(d.company_id) for d in deliveries):
            raise NotFound(f"order {cmd.order_no} not found")
        if not deliveries:
            raise Conflict(f"order {cmd.order_no} has not been delivered; a service request "
                           "needs a delivered order (AFS-1)", {"order_no": cmd.order_no})
        company_id = deliveries[0].company_id
        try:
            request = model.open_request(
                request_no=uow.numbers.next("SR", company_id),
                deliveries=deliveries, kind=cmd.kind, description=cmd.description,
                recorded_by=actor.username, at=_now(now))
        except model.RequestRefused as exc:
            raise InvalidRequest(str(exc)) from None
        uow.requests.add(request)
        _open_deadline(uow, FORWARD_LIMIT, request, request.recorded_at)
        uow.emit("aftersales.service_requested", ServiceRequested(
            request_no=request.request_no, order_no=request.order_no, kind=request.kind,
            description=request.description, recorded_at=request.recorded_at),
            company_id=request.company_id, order_no=request.order_no)
        uow.commit()
    return to_public(request)


def forward_request(actor: Actor, request_no: str, uow,
                    now: datetime | None = None) -> ServiceRequestPublic:
    """AFS-1 met; AFS-2 starts: after-sales contacts the customer within 2 working hours."""
    with uow:
        request = _visible(actor, request_no, uow)
        _step(request.forward, by=actor.username, at=_now(now))
        uow.requests.save(request)
        uow.deadlines.meet(FORWARD_LIMIT, model.deadline_subject(request_no),
                           at=request.forwarded_at)
        _open_deadline(uow, CONTACT_LIMIT, request, request.forwarded_at)
        uow.commit()
    return to_public(request)


def record_contact(actor: Actor, request_no: str, cmd: ContactCreate, uow,
                   now: datetime | None = None) -> ServiceRequestPublic:
    """AFS-2 met: the customer was contacted."""
    with uow:
        request = _visible(actor, request_no, uow)
        _step(request.record_contact, notes=cmd.notes, by=actor.username, at=_now(now))
        uow.requests.save(request)
        uow.deadlines.meet(CONTACT_LIMIT, model.deadline_subject(request_no),
                           at=request.contacted_at)
        uow.commit()
    return to_public(request)


def resolve_request(actor: Actor, request_no: str, cmd: ResolutionCreate, uow,
                    now: datetime | None = None) -> ServiceRequestPublic:
    """AFS-4: the remedy is done; sales hears of it."""
    with uow:
        request = _visible(actor, request_no, uow)
        _step(request.resolve, remedy=cmd.remedy, by=actor.username, at=_now(now))
        uow.requests.save(request)
        uow.emit("aftersales.service_resolved", ServiceResolved(
            request_no=request.request_no, order_no=request.order_no, remedy=request.remedy,
            resolved_at=request.resolved_at),
            company_id=request.company_id, order_no=request.order_no)
        uow.commit()
    return to_public(request)


def list_requests(actor: Actor, order_no: str | None, status: str | None,
                  uow) -> list[ServiceRequestPublic]:
    if status is not None and status not in model.STATUSES:
        raise InvalidRequest(f"status must be one of {model.STATUSES}")
    with uow:
        return [to_public(r) for r in uow.requests.list(actor.companies, order_no, status)]


def _visible(actor: Actor, request_no: str, uow) -> ServiceRequest:
    request = uow.requests.get(request_no)
    if request is None or not actor.may_see(request.company_id):
        raise NotFound(f"service request {request_no} not found")
    return request


def _step(action, **kwargs) -> None:
    try:
        action(**kwargs)
    except model.StepOutOfOrder as exc:
        raise Conflict(str(exc)) from None
    except model.RequestRefused as exc:
        raise InvalidRequest(str(exc)) from None


def _open_deadline(uow, limit: TimeLimit, request: ServiceRequest, anchor: datetime) -> None:
    uow.deadlines.open(  # rule X-1
        limit, subject=model.deadline_subject(request.request_no), detail=request.request_no,
        company_id=request.company_id, order_no=request.order_no, opened_at=anchor)


def to_public(request: ServiceRequest) -> ServiceRequestPublic:
    return ServiceRequestPublic(
        request_no=request.request_no, order_no=request.order_no,
        company_id=request.company_id, customer_code=request.customer_code, kind=request.kind,
        description=request.description, status=request.status,
        recorded_at=request.recorded_at, recorded_by=request.recorded_by,
        forwarded_at=request.forwarded_at, contacted_at=request.contacted_at,
        resolved_at=request.resolved_at, remedy=request.remedy)


# -- journey ---------------------------------------------------------------------------

def journey(actor: Actor, order_no: str, uow) -> list[JourneyStage]:
    """After-sales' stages of an order: each request's steps with its AFS-1/AFS-2 limits."""
    with uow:
        found = uow.requests.list(actor.companies, order_no=order_no)
        limits = {(d.rule_id, d.subject): d for d in uow.deadlines.for_order(order_no)}
        damaged = [d for d in uow.deliveries.for_order(order_no)
                   if d.damaged and actor.may_see(d.company_id)]
    stages = [_damage_stage(delivery, found) for delivery in damaged]
    for r in found:
        subject = model.deadline_subject(r.request_no)
        stages.append(_stage("service request recorded", r, r.recorded_at, r.recorded_at,
                             r.recorded_by, f"{r.kind}: {r.description}", None))
        steps = [
            ("forwarded to after-sales", r.recorded_at, r.forwarded_at, r.forwarded_by,
             FORWARD_LIMIT.rule_id, "sales forwards the request"),
            ("customer contacted", r.forwarded_at, r.contacted_at, r.contacted_by,
             CONTACT_LIMIT.rule_id, r.contact_notes or "after-sales contacts the customer"),
            ("resolved", r.contacted_at, r.resolved_at, r.resolved_by,
             None, r.remedy or "remedy under way (AFS-4)"),
        ]
        for name, started, ended, who, rule_id, summary in steps:
            if started is None:
                break  # later steps have not begun
            stages.append(_stage(name, r, started, ended, who, summary,
                                 limits.get((rule_id, subject)) if rule_id else None))
    return stages


def _damage_stage(delivery: Delivery, found: list[ServiceRequest]) -> JourneyStage:
    """LOG-6 → AFS-4: goods received damaged are after-sales' to remedy (with the claim)."""
    handled = model.damage_is_handled(found)
    return JourneyStage(
        stage="received damaged", department="aftersales",
        state="done" if handled else "waiting", started_at=delivery.delivered_at,
        refs={"shipment_no": delivery.shipment_no},
        summary="damage in transit: " + ("a damage request is open or resolved" if handled
                                         else "awaiting a damage service request (AFS-4)"))


def _stage(name, request, started, ended, actor, summary, deadline) -> JourneyStage:
    refs = {"request_no": request.request_no}
    if deadline is not None:
        refs.update(rule=deadline.rule_id, due_at=deadline.due_at.isoformat(),
                    deadline=deadline.status)
        summary = f"{summary} — {deadline.rule_id} due {deadline.due_at:%Y-%m-%d %H:%M %Z} " \
                  f"({deadline.status})"
    return JourneyStage(stage=name, department="aftersales",
                        state="done" if ended else "in_progress", started_at=started,
                        ended_at=ended, actor=actor if ended else None, refs=refs,
                        summary=summary)
