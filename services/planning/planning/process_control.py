"""Process control (PLN-8): use cases `f(actor, ..., uow)` and the hooks the shop-floor
steps call.

Two limits are tracked: the preparation check, due 1 working day before a work order
starts (its window opens 2 before) -- opened when the plan is published, met by the
check; and the daily progress report -- opened at release, met by each report (which
opens the next day's) or by completion.
"""

from __future__ import annotations

from datetime import datetime

from contracts.rpc.common import Actor, JourneyStage
from contracts.rpc.process_control import (
    CheckItemPublic,
    FactPublic,
    PreparationCheckCreate,
    PreparationCheckPublic,
    ProcessControlPublic,
    ProgressEntryPublic,
    RemedyCreate,
    RemedyPublic,
)
from planning.domain import process_control as control
from planning.domain.errors import NotInPlanning, PlanningRejected, StepRefused
from planning.domain.forward_schedule import local_date
from planning.domain.plan import Plan
from planning.domain.work_orders import DONE, WorkOrder
from servicekit import clock
from servicekit.journeys import stage
from servicekit.timelimits import X1_TIME_LIMITS

PREPARE = X1_TIME_LIMITS["PLN-8.preparation_reminder"]
DAILY = X1_TIME_LIMITS["PLN-8.daily_progress"]


def _prepare(wo_no: str) -> str:
    return f"prepare {wo_no}"


def _daily(wo_no: str, report: int) -> str:
    return f"progress {wo_no} #{report}"


# -- hooks of the shop-floor steps ------------------------------------------------------------
def plan_published(plan: Plan, uow) -> None:
    """Each work order's preparation check falls due before it starts (PLN-8)."""
    for wo in plan.work_orders:
        uow.deadlines.open(PREPARE, subject=_prepare(wo.work_order_no),
                           company_id=plan.company_id, order_no=plan.order_no,
                           anchor=wo.planned_start,
                           detail=f"{wo.work_order_no} on {wo.work_centre}")


def released(plan: Plan, wo: WorkOrder, uow, at: datetime) -> None:
    _open_daily(plan, wo, 1, uow, at)


def progress_reported(plan: Plan, wo: WorkOrder, forecast: datetime | None, note: str,
                      by: str, at: datetime, uow) -> None:
    """Kept as history; meets today's report and opens tomorrow's (PLN-8)."""
    reports = uow.process.reports_of(wo.work_order_no)
    uow.process.add_progress(control.progress_entry(wo, forecast, note, by, at))
    uow.deadlines.meet(DAILY, _daily(wo.work_order_no, reports + 1), at=at)
    _open_daily(plan, wo, reports + 2, uow, at)


def work_order_done(wo: WorkOrder, uow, at: datetime) -> None:
    reports = uow.process.reports_of(wo.work_order_no)
    uow.deadlines.meet(DAILY, _daily(wo.work_order_no, reports + 1), at=at)


def _open_daily(plan: Plan, wo: WorkOrder, report: int, uow, at: datetime) -> None:
    uow.deadlines.open(DAILY, subject=_daily(wo.work_order_no, report),
                       company_id=plan.company_id, order_no=plan.order_no, opened_at=at,
                       detail=f"report {report} of {wo.work_order_no}")


# -- use cases --------------------------------------------------------------------------------
def _work_order(actor: Actor, work_order_no: str, uow) -> tuple[Plan, WorkOrder]:
    order_no = uow.plans.order_of_work_order(work_order_no)
    plan = uow.plans.for_order(order_no) if order_no else None
    if plan is None or not actor.may_see(plan.company_id):
        raise NotInPlanning(f"no work order {work_order_no}")
    return plan, next(w for w in plan.work_orders if w.work_order_no == work_order_no)


def _facts(plan: Plan, wo: WorkOrder, uow) -> dict[str, control.Fact]:
    demand = uow.demands.get(plan.order_no)
    review = demand.design_review if demand is not None else None
    return control.facts(plan, wo, local_date(wo.planned_start),
                         review is not None and review.feasible)


def get_process_control(actor: Actor, work_order_no: str, uow) -> ProcessControlPublic:
    with uow:
        plan, wo = _work_order(actor, work_order_no, uow)
        return _view(plan, wo, uow)


def check_preparation(actor: Actor, work_order_no: str, check: PreparationCheckCreate, uow
                      ) -> ProcessControlPublic:
    with uow:
        plan, wo = _work_order(actor, work_order_no, uow)
        _not_done(wo)
        answers = {answer.item: (answer.ok, answer.note) for answer in check.items}
        if len(answers) != len(check.items):
            raise PlanningRejected("each checklist item is answered once")
        now = clock.now()
        uow.process.save_check(control.check(wo, _facts(plan, wo, uow), answers,
                                             actor.username, now))
        uow.deadlines.meet(PREPARE, _prepare(wo.work_order_no), at=now)
        uow.commit()
        return _view(plan, wo, uow)


def record_remedy(actor: Actor, work_order_no: str, remedy: RemedyCreate, uow
                  ) -> ProcessControlPublic:
    with uow:
        plan, wo = _work_order(actor, work_order_no, uow)
        _not_done(wo)
        uow.process.add_remedy(control.remedy(wo, remedy.kind, remedy.note, actor.username,
                                              clock.now()))
        uow.commit()
        return _view(plan, wo, uow)


def _not_done(wo: WorkOrder) -> None:
    if wo.status == DONE:
        raise StepRefused(f"work order {wo.work_order_no} is done")


def _view(plan: Plan, wo: WorkOrder, uow) -> ProcessControlPublic:
    check = uow.process.check_of(wo.work_order_no)
    progress = uow.process.progress_of(wo.work_order_no)
    return ProcessControlPublic(
        work_order_no=wo.work_order_no, order_no=wo.order_no, company_id=wo.company_id,
        status=str(wo.status), planned_start=wo.planned_start,
        planned_finish=wo.planned_finish,
        facts=[FactPublic(**fact.__dict__) for fact in _facts(plan, wo, uow).values()],
        preparation=None if check is None else PreparationCheckPublic(
            checked_by=check.checked_by, checked_at=check.checked_at,
            items=[CheckItemPublic(**item.__dict__) for item in check.items],
            problems=[item.item for item in check.problems]),
        progress=[ProgressEntryPublic(**{k: v for k, v in entry.__dict__.items()
                                         if k != "work_order_no"}) for entry in progress],
        deviation=bool(progress) and progress[0].deviation,
        remedies=[RemedyPublic(kind=r.kind, note=r.note, recorded_by=r.recorded_by,
                               recorded_at=r.recorded_at)
                  for r in uow.process.remedies_of(wo.work_order_no)])


def journey(actor: Actor, order_no: str, uow) -> list[JourneyStage]:
    """The preparation checks and remedies of the order's work orders (X-3)."""
    with uow:
        plan = uow.plans.for_order(order_no)
        if plan is None or not actor.may_see(plan.company_id):
            return []
        stages = []
        for wo in plan.work_orders:
            check = uow.process.check_of(wo.work_order_no)
            if check is not None:
                problems = ", ".join(f"{i.item} ({i.note})" if i.note else i.item
                                     for i in check.problems)
                stages.append(stage(
                    "planning", f"preparation {wo.work_order_no}",
                    "done" if not problems else "in_progress", check.checked_at,
                    ended_at=check.checked_at, actor=check.checked_by,
                    refs={"work_order_no": wo.work_order_no},
                    summary=f"problems: {problems}" if problems else
                    "people, machines, materials, co-production, purchases, design ready"))
            for remedy in uow.process.remedies_of(wo.work_order_no):
                stages.append(stage(
                    "planning", f"remedy {wo.work_order_no}", "done", remedy.recorded_at,
                    ended_at=remedy.recorded_at, actor=remedy.recorded_by,
                    refs={"work_order_no": wo.work_order_no},
                    summary=f"{remedy.kind.replace('_', ' ')}: {remedy.note}"))
        return stages
