"""What callers read: ServiceRequestPublic and after-sales' part of the journey (X-3)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from aftersales.domain import requests as model
from aftersales.domain.requests import Delivery, ServiceRequest
from contracts.rpc.aftersales import ServiceRequestPublic
from contracts.rpc.common import JourneyStage
from servicekit.deadlines import Deadline
from servicekit.journeys import stage

DEPARTMENT = "aftersales"


def request_public(request: ServiceRequest) -> ServiceRequestPublic:
    return ServiceRequestPublic(
        request_no=request.request_no, order_no=request.order_no,
        company_id=request.company_id, customer_code=request.customer_code, kind=request.kind,
        description=request.description, status=request.status,
        recorded_at=request.recorded_at, recorded_by=request.recorded_by,
        forwarded_at=request.forwarded_at, contacted_at=request.contacted_at,
        resolved_at=request.resolved_at, remedy=request.remedy)


def journey(requests: list[ServiceRequest], damaged: Iterable[Delivery],
            limits: Mapping[tuple[str, str], Deadline]) -> list[JourneyStage]:
    """After-sales' stages of an order: a damaged delivery waiting for its remedy (LOG-6 →
    AFS-4), then each request's steps with its AFS-1/AFS-2 limits (`limits` by
    (rule id, subject))."""
    stages = [_damage_stage(delivery, requests) for delivery in damaged]
    for r in requests:
        subject = model.deadline_subject(r.request_no)
        stages.append(_stage("service request recorded", r, r.recorded_at, r.recorded_at,
                             r.recorded_by, f"{r.kind}: {r.description}", None))
        steps = [
            ("forwarded to after-sales", r.recorded_at, r.forwarded_at, r.forwarded_by,
             model.FORWARD_LIMIT.rule_id, "sales forwards the request"),
            ("customer contacted", r.forwarded_at, r.contacted_at, r.contacted_by,
             model.CONTACT_LIMIT.rule_id, r.contact_notes or "after-sales contacts the customer"),
            ("resolved", r.contacted_at, r.resolved_at, r.resolved_by,
             None, r.remedy or "remedy under way (AFS-4)"),
        ]
        for name, started, ended, who, rule_id, summary in steps:
            if started is None:
                break  # later steps have not begun
            stages.append(_stage(name, r, started, ended, who, summary,
                                 limits.get((rule_id, subject)) if rule_id else None))
    return stages


def _damage_stage(delivery: Delivery, requests: list[ServiceRequest]) -> JourneyStage:
    """LOG-6 → AFS-4: goods received damaged are after-sales' to remedy (with the claim)."""
    handled = model.damage_is_handled(requests)
    return stage(DEPARTMENT, "received damaged", "done" if handled else "waiting",
                 delivery.delivered_at, refs={"shipment_no": delivery.shipment_no},
                 summary="damage in transit: " + (
                     "a damage request is open or resolved" if handled
                     else "awaiting a damage service request (AFS-4)"))


def _stage(name: str, request: ServiceRequest, started, ended, actor: str | None,
           summary: str, deadline: Deadline | None) -> JourneyStage:
    refs = {"request_no": request.request_no}
    if deadline is not None:
        refs.update(rule=deadline.rule_id, due_at=deadline.due_at.isoformat(),
                    deadline=deadline.status)
        summary = (f"{summary} — {deadline.rule_id} due "
                   f"{deadline.due_at:%Y-%m-%d %H:%M %Z} ({deadline.status})")
    return stage(DEPARTMENT, name, "done" if ended else "in_progress", started,
                 ended_at=ended, actor=actor if ended else None, refs=refs, summary=summary)
