"""An order's whole journey (X-3), assembled from what each department reports.

Pure: takes the order as sales reports it and, per service, its journey stages
and deadlines, or the error that kept it from answering. No I/O, so every rule
of the assembly is unit-tested (tests/test_journey_assembly.py).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime, timedelta

from pydantic import BaseModel, Field, ValidationError

from contracts.rpc.common import JourneyStage, TraceMark
from gateway.core.config import SERVICES

OPEN_STATES = ("in_progress", "waiting")


class DeadlineSummary(BaseModel):
    """One time limit on the order (X-1) and who it escalated to (X-2)."""

    rule_id: str
    department: str
    description: str = ""
    subject: str = ""
    status: str = Field(description="open | breached | met | superseded")
    opened_at: datetime | None = None
    due_at: datetime
    met_at: datetime | None = None
    breached_at: datetime | None = None
    escalated_to: str | None = None
    calendar: str = Field(default="official", description="official | estimated: due_at was "
                          "counted over a year without the official holiday schedule (X-1)")


class SubJourney(BaseModel):
    """A sister company's work for the order (CO-1): its stages of a co-production
    instruction, as the maker's departments report them."""

    instruction_no: str
    company_id: str = Field(description="the sister that makes the part")
    material_code: str
    status: str = Field(description="issued | planned | delivered")
    stages: list[JourneyStage] = Field(default_factory=list)
    unavailable: list[str] = Field(default_factory=list)


class JourneyPublic(BaseModel):
    """Who held the order, from when to when, across every department."""

    order_no: str
    company_id: str | None = None
    customer_code: str | None = None
    status: str = Field(description="the order's status as sales reports it")
    current_stage: JourneyStage | None = None
    stages: list[JourneyStage] = Field(
        description="every department's stages, by started_at (from) and ended_at (to)")
    deadlines: list[DeadlineSummary] = Field(
        default_factory=list, description="every time limit on the order, met ones too, by due")
    open_deadlines: list[DeadlineSummary] = Field(default_factory=list)
    breached_deadlines: list[DeadlineSummary] = Field(
        default_factory=list, description="breached and not yet met, most overdue first")
    unavailable: list[str] = Field(
        default_factory=list, description="services that did not answer: their part is missing")
    sub_journeys: list[SubJourney] = Field(
        default_factory=list, description="sister companies' stages of the parts they make "
                                          "for the order (CO-1)")


def _department_rank(department: str) -> int:
    return SERVICES.index(department) if department in SERVICES else len(SERVICES)


def sort_stages(stages: list[JourneyStage]) -> list[JourneyStage]:
    """By start; ties by the order the departments take part in (sales first)."""
    return sorted(stages, key=lambda s: (s.started_at, _department_rank(s.department)))


def current_stage(stages: list[JourneyStage]) -> JourneyStage | None:
    """The latest stage still open; if none is open, the latest stage (sorted input)."""
    open_stages = [stage for stage in stages if stage.state in OPEN_STATES]
    pool = open_stages or stages
    return pool[-1] if pool else None


def all_deadlines(deadlines_by_service: Mapping[str, list[dict]]) -> list[DeadlineSummary]:
    """Every service's time limits on the order, each with its department, by due time."""
    summaries = [
        DeadlineSummary.model_validate({
            **{key: raw.get(key) for key in DeadlineSummary.model_fields
               if key in raw and key != "department"},
            "department": service,
        })
        for service, deadlines in deadlines_by_service.items() for raw in deadlines]
    return sorted(summaries, key=lambda d: (d.due_at, _department_rank(d.department)))


def summarise_deadlines(deadlines_by_service: Mapping[str, list[dict]]
                        ) -> tuple[list[DeadlineSummary], list[DeadlineSummary]]:
    """(open, breached): open = not met and not yet breached, soonest due first;
    breached = not met and past due, most overdue first. Met ones are history."""
    open_, breached = [], []
    for summary in all_deadlines(deadlines_by_service):
        if summary.met_at is None and summary.status != "superseded":  # closed: history
            if summary.status == "breached" or summary.breached_at is not None:
                breached.append(summary)
            elif summary.status == "open":
                open_.append(summary)
    return open_, breached


def _in_utc(stage: JourneyStage, service: str) -> JourneyStage:
    """One offset for the whole timeline (services may report in their company's zone)."""
    return stage.model_copy(update={
        "department": stage.department or service,
        "started_at": stage.started_at.astimezone(UTC),
        "ended_at": stage.ended_at.astimezone(UTC) if stage.ended_at else None,
    })


TRACE_WINDOW = timedelta(seconds=60)


def with_trace_ids(stages: list[JourneyStage], traces_by_service: Mapping[str, list[dict]]
                   ) -> list[JourneyStage]:
    """Each stage with the trace id of its department's event nearest its start (the act
    that started a stage commits the stage and its event together), within a minute; so
    ops can jump from a stage to its trace. A stage no event marks keeps none."""
    marks: dict[str, list[tuple[datetime, str]]] = {}
    for service, reported in traces_by_service.items():
        for raw in reported:
            try:
                mark = TraceMark.model_validate(raw)
            except ValidationError:
                continue  # a malformed mark links nothing
            marks.setdefault(service, []).append((mark.at.astimezone(UTC), mark.trace_id))
    linked = []
    for stage in stages:
        near = [(abs(at - stage.started_at), trace_id)
                for at, trace_id in marks.get(stage.department, [])
                if abs(at - stage.started_at) <= TRACE_WINDOW]
        linked.append(stage.model_copy(update={"trace_id": min(near)[1]}) if near else stage)
    return linked


def assemble_sub_journey(instruction: Mapping, stages_by_service: Mapping[str, list[dict]],
                         unavailable: list[str] | tuple[str, ...] = ()) -> SubJourney:
    """A co-production instruction's stages at its maker, in one timeline (CO-1)."""
    view = assemble_journey({"order_no": instruction["instruction_no"]}, stages_by_service,
                            {}, unavailable)
    return SubJourney(instruction_no=instruction["instruction_no"],
                      company_id=instruction["maker_company_id"],
                      material_code=instruction["material_code"],
                      status=instruction["status"], stages=view.stages,
                      unavailable=view.unavailable)


def assemble_journey(order: Mapping, stages_by_service: Mapping[str, list[dict]],
                     deadlines_by_service: Mapping[str, list[dict]],
                     unavailable: list[str] | tuple[str, ...] = (),
                     traces_by_service: Mapping[str, list[dict]] | None = None
                     ) -> JourneyPublic:
    """One timeline from every service's view of the order.

    A service listed in `unavailable` contributes nothing; whatever it did
    report (e.g. deadlines answered but journey timed out) is still shown.
    """
    unavailable = set(unavailable)
    stages: list[JourneyStage] = []
    for service, reported in stages_by_service.items():
        try:
            parsed = [JourneyStage.model_validate(raw) for raw in reported]
        except ValidationError:  # a malformed answer is as good as none: say so
            unavailable.add(service)
            continue
        stages.extend(_in_utc(stage, service) for stage in parsed)
    ordered = with_trace_ids(sort_stages(stages), traces_by_service or {})
    answered = {}
    for service, deadlines in deadlines_by_service.items():
        try:
            summarise_deadlines({service: deadlines})
        except ValidationError:
            unavailable.add(service)
            continue
        answered[service] = deadlines
    open_deadlines, breached_deadlines = summarise_deadlines(answered)
    deadlines = all_deadlines(answered)
    return JourneyPublic(
        order_no=order["order_no"],
        company_id=order.get("company_id"),
        customer_code=order.get("customer_code"),
        status=order.get("status", "unknown"),
        current_stage=current_stage(ordered),
        stages=ordered,
        deadlines=deadlines,
        open_deadlines=open_deadlines,
        breached_deadlines=breached_deadlines,
        unavailable=sorted(unavailable, key=_department_rank),
    )
