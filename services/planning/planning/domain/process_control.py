"""Process control on the shop floor (PLN-8): the preparation check before a task starts,
daily progress kept as a history, and deviations answered with a recorded remedy.

"提前1-2天提醒和督促工段车间领导进行生产前准备工作(人、机、物、协作、采购、设计等计划执行
进度等的检查)" -- the check's six items; materials, purchases and design are facts planning
holds, so the check cannot claim them ready when they are not.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from planning.domain.errors import PlanningRejected

CHECKLIST = ("people", "machines", "materials", "co_production", "purchases", "design")
# "拆分为多道岗位工序生产、临时调岗增加生产人员、加班、增加生产量" -- or escalated / outsourced
REMEDIES = ("split_operations", "reassign_people", "overtime", "more_output", "outsource",
            "escalate")


@dataclass(frozen=True)
class Fact:
    """What planning knows of one checklist item: ready (True/False) or for people to
    judge (None), and why."""

    item: str
    ready: bool | None
    sentence: str


@dataclass(frozen=True)
class CheckItem:
    item: str
    ok: bool
    note: str
    fact: str


@dataclass(frozen=True)
class PreparationCheck:
    work_order_no: str
    checked_by: str
    checked_at: datetime
    items: tuple[CheckItem, ...]

    @property
    def problems(self) -> list[CheckItem]:
        return [i for i in self.items if not i.ok]


@dataclass(frozen=True)
class ProgressEntry:
    """One daily progress report (PLN-8): completed, remaining, forecast completion."""

    work_order_no: str
    reported_at: datetime
    reported_by: str
    completed: Decimal
    remaining: Decimal
    forecast_completion: datetime | None
    note: str
    deviation: bool  # the forecast is later than the work order's planned finish


@dataclass(frozen=True)
class Remedy:
    work_order_no: str
    kind: str
    note: str
    recorded_by: str
    recorded_at: datetime


def facts(plan, wo, start_day: date, design_reviewed: bool) -> dict[str, Fact]:
    """The checklist items planning can answer from the other departments' facts."""
    requests = plan.material_requests
    missing = [r for r in requests if r.available_at is None]
    late = [r for r in missing if r.eta is None or r.eta > start_day]
    if not missing:
        materials = Fact("materials", True, f"all {len(requests)} materials in store")
    else:
        materials = Fact("materials", not late, "; ".join(
            f"{r.material_code}: " + (f"ETA {r.eta}" if r.eta else "not ordered yet")
            for r in missing) + (f" -- {len(late)} not in store by {start_day}" if late else ""))
    unordered = [r for r in missing if r.po_no is None]
    purchases = Fact("purchases", not unordered,
                     "every purchase placed" if not unordered else
                     "not ordered: " + ", ".join(r.material_code for r in unordered))
    if plan.non_regular:
        design = Fact("design", design_reviewed, "design reviewed (SAL-3)" if design_reviewed
                      else "the design department has not reviewed the order (SAL-3)")
    else:
        design = Fact("design", True, "regular order: existing drawings")
    return {
        "people": Fact("people", None, "for the workshop to confirm"),
        "machines": Fact("machines", None, f"{wo.work_centre}: for the workshop to confirm"),
        "materials": materials, "purchases": purchases, "design": design,
        "co_production": Fact("co_production", None, "for the workshop to confirm"),
    }


def check(wo, known: dict[str, Fact], answers: dict[str, tuple[bool, str]], by: str,
          at: datetime) -> PreparationCheck:
    """Every item answered; an item planning knows is not ready cannot be passed as ready."""
    missing = [item for item in CHECKLIST if item not in answers]
    if missing:
        raise PlanningRejected(f"the preparation check answers every item: "
                               f"{', '.join(missing)} missing")
    items = []
    for item in CHECKLIST:
        ok, note = answers[item]
        fact = known[item]
        if ok and fact.ready is False:
            raise PlanningRejected(f"{item} is not ready for {wo.work_order_no}: {fact.sentence}")
        items.append(CheckItem(item, ok, note, fact.sentence))
    return PreparationCheck(wo.work_order_no, by, at, tuple(items))


def progress_entry(wo, forecast: datetime | None, note: str, by: str,
                   at: datetime) -> ProgressEntry:
    return ProgressEntry(wo.work_order_no, at, by, wo.completed_quantity, wo.remaining,
                         forecast, note, forecast is not None and forecast > wo.planned_finish)


def remedy(wo, kind: str, note: str, by: str, at: datetime) -> Remedy:
    if kind not in REMEDIES:
        raise PlanningRejected(f"{kind!r} is no remedy; one of {', '.join(REMEDIES)}")
    return Remedy(wo.work_order_no, kind, note, by, at)
