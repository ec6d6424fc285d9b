"""After-sales use cases: `f(actor, payload..., uow)`; `with uow: ...; uow.commit()`.

They scope every request to the actor's companies (another company's is not found),
raise after-sales' refusals (domain/errors.py; servicekit.rpcs maps them to wire
errors), open and meet the AFS-1/AFS-2 time limits (X-1), and emit after-sales'
events through the outbox in the same transaction as the change.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from aftersales import views
from aftersales.domain import requests as model
from aftersales.domain.errors import OrderNotFound, RequestNotFound
from aftersales.domain.requests import ServiceRequest
from contracts.events.aftersales import RequestStatus, ServiceRequested, ServiceResolved
from contracts.rpc.aftersales import (
    ContactCreate,
    ResolutionCreate,
    ServiceRequestCreate,
    ServiceRequestPublic,
)
from contracts.rpc.common import Actor, JourneyStage
from servicekit import clock
from servicekit.timelimits import TimeLimit


def open_request(actor: Actor, request: ServiceRequestCreate, uow, *,
                 now: datetime | None = None) -> ServiceRequestPublic:
    """AFS-1: record a request on a delivered order; forwarding is due in 60 working min."""
    with uow:
        deliveries = uow.deliveries.for_order(request.order_no)
        if deliveries and not any(actor.may_see(d.company_id) for d in deliveries):
            raise OrderNotFound(f"order {request.order_no} not found")
        delivery = model.first_delivery(request.order_no, deliveries)
        recorded = record_request(uow, delivery, request.kind, request.description,
                                  actor.username, clock.now(now))
        uow.commit()
    return views.request_public(recorded)


def record_request(uow, delivery: model.Delivery, kind: str, description: str,
                   recorded_by: str, at: datetime) -> ServiceRequest:
    """AFS-1: a request on a delivered order, forwarding due in 60 working minutes; sales
    hears of it."""
    recorded = model.open_request(
        request_no=uow.numbers.next("SR", delivery.company_id), delivery=delivery,
        kind=kind, description=description, recorded_by=recorded_by, at=at)
    uow.requests.add(recorded)
    _open_deadline(uow, model.FORWARD_LIMIT, recorded, recorded.recorded_at)
    uow.emit("aftersales.service_requested", ServiceRequested(
        request_no=recorded.request_no, order_no=recorded.order_no, kind=recorded.kind,
        description=recorded.description, recorded_at=recorded.recorded_at),
        company_id=recorded.company_id, order_no=recorded.order_no)
    return recorded


def forward_request(actor: Actor, request_no: str, uow, *,
                    now: datetime | None = None) -> ServiceRequestPublic:
    """AFS-1 met; AFS-2 starts: after-sales contacts the customer within 2 working hours."""
    def step(request: ServiceRequest) -> None:
        request.forward(by=actor.username, at=clock.now(now))
        uow.deadlines.meet(model.FORWARD_LIMIT, model.deadline_subject(request_no),
                           at=request.forwarded_at)
        _open_deadline(uow, model.CONTACT_LIMIT, request, request.forwarded_at)

    return _change(actor, request_no, uow, step)


def record_contact(actor: Actor, request_no: str, contact: ContactCreate, uow, *,
                   now: datetime | None = None) -> ServiceRequestPublic:
    """AFS-2 met: the customer was contacted."""
    def step(request: ServiceRequest) -> None:
        request.record_contact(notes=contact.notes, by=actor.username, at=clock.now(now))
        uow.deadlines.meet(model.CONTACT_LIMIT, model.deadline_subject(request_no),
                           at=request.contacted_at)

    return _change(actor, request_no, uow, step)


def resolve_request(actor: Actor, request_no: str, resolution: ResolutionCreate, uow, *,
                    now: datetime | None = None) -> ServiceRequestPublic:
    """AFS-4: the remedy is done; sales hears of it."""
    def step(request: ServiceRequest) -> None:
        request.resolve(remedy=resolution.remedy, by=actor.username, at=clock.now(now))
        uow.emit("aftersales.service_resolved", ServiceResolved(
            request_no=request.request_no, order_no=request.order_no, remedy=request.remedy,
            resolved_at=request.resolved_at),
            company_id=request.company_id, order_no=request.order_no)

    return _change(actor, request_no, uow, step)


def list_requests(actor: Actor, order_no: str | None, status: RequestStatus | None,
                  limit: int, uow) -> list[ServiceRequestPublic]:
    """The actor's companies' requests, oldest first; by order and/or status."""
    with uow:
        found = uow.requests.list(actor.companies, order_no,
                                  None if status is None else str(status), limit)
        return [views.request_public(r) for r in found]


def journey(actor: Actor, order_no: str, uow) -> list[JourneyStage]:
    """After-sales' stages of an order: each request's steps with its AFS-1/AFS-2 limits."""
    with uow:
        found = uow.requests.list(actor.companies, order_no=order_no)
        limits = {(d.rule_id, d.subject): d for d in uow.deadlines.for_order(order_no)}
        damaged = [d for d in uow.deliveries.for_order(order_no)
                   if d.damaged and actor.may_see(d.company_id)]
    return views.journey(found, damaged, limits)


def _change(actor: Actor, request_no: str, uow,
            step: Callable[[ServiceRequest], None]) -> ServiceRequestPublic:
    """Load the actor's request, apply one step (it may meet, open and emit through uow),
    save, commit."""
    with uow:
        request = _visible(actor, request_no, uow)
        step(request)
        uow.requests.save(request)
        uow.commit()
    return views.request_public(request)


def _visible(actor: Actor, request_no: str, uow) -> ServiceRequest:
    request = uow.requests.get(request_no)
    if request is None or not actor.may_see(request.company_id):
        raise RequestNotFound(f"service request {request_no} not found")
    return request


def _open_deadline(uow, limit: TimeLimit, request: ServiceRequest, anchor: datetime) -> None:
    uow.deadlines.open(  # rule X-1
        limit, subject=model.deadline_subject(request.request_no), detail=request.request_no,
        company_id=request.company_id, order_no=request.order_no, opened_at=anchor)
