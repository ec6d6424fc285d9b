"""A plan is proposed by the system and published by a planner (PLN-1, ORD-5), after the
coordination meeting a non-regular order needs (PLN-3).

Decomposition proposes the task list; nothing leaves planning until a planner publishes it:
the material requests go to procurement and sales hears the plan only then, and the PLN-1
limit (24 h complete sets, 4 h others) is met by that act, so it can really breach.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from planning.domain.errors import PlanningRejected, StepRefused

# PLN-3: "与设计、车间、采购（质检）召开计划协调会" -- who must approve a non-regular plan
REQUIRED_APPROVALS = ("design", "workshops", "procurement", "quality")


@dataclass(frozen=True)
class Approval:
    department: str
    approved_by: str
    approved_at: datetime
    remark: str = ""


@dataclass
class Coordination:
    """The planning coordination meeting of a plan (PLN-3): who attended, what was agreed,
    and each department's approval."""

    held_at: datetime
    recorded_by: str
    recorded_at: datetime
    attendees: tuple[str, ...]
    notes: str = ""
    approvals: dict[str, Approval] = field(default_factory=dict)

    @property
    def missing(self) -> list[str]:
        return [d for d in REQUIRED_APPROVALS if d not in self.approvals]


@dataclass(frozen=True)
class Task:
    """One line of the proposed task list (PLN-1): what, by when, and where it stands."""

    kind: str  # design | procurement | assembly_start | assembly_finish | packaging
    subject: str
    due_at: datetime | None
    due_date: date | None
    status: str
    sentence: str


def must_be_unpublished(plan) -> None:
    if plan.published_at is not None:
        raise StepRefused(f"the plan of order {plan.order_no} was published at "
                          f"{plan.published_at.isoformat()} by {plan.published_by}")


def record_meeting(plan, coordination: Coordination) -> None:
    """PLN-3: the meeting is recorded before the plan is published; recording it again
    (new attendees or notes) keeps the approvals already given."""
    must_be_unpublished(plan)
    if plan.coordination is not None:
        coordination.approvals = dict(plan.coordination.approvals)
    plan.coordination = coordination


def approve(plan, approval: Approval) -> None:
    """PLN-3: one department's approval of the plan discussed at the meeting."""
    must_be_unpublished(plan)
    if approval.department not in REQUIRED_APPROVALS:
        raise PlanningRejected(f"{approval.department!r} does not approve plans; the "
                               f"meeting's approvals are {', '.join(REQUIRED_APPROVALS)}")
    if plan.coordination is None:
        raise StepRefused(f"no coordination meeting is recorded for the plan of order "
                          f"{plan.order_no} yet (PLN-3)")
    given = plan.coordination.approvals.get(approval.department)
    if given is not None:
        raise StepRefused(f"{approval.department} approved the plan of order {plan.order_no} "
                          f"already ({given.approved_by}, {given.approved_at.isoformat()})")
    plan.coordination.approvals[approval.department] = approval


def publish(plan, by: str, at: datetime, note: str, needed_by: dict[str, date],
            today: date) -> None:
    """PLN-1: the planner publishes the proposed plan, optionally bringing material
    requests forward. A non-regular plan needs its meeting and every approval (PLN-3)."""
    must_be_unpublished(plan)
    if plan.non_regular:
        if plan.coordination is None:
            raise StepRefused(f"order {plan.order_no} is non-regular: its plan is published "
                              "after the planning coordination meeting (PLN-3)")
        if plan.coordination.missing:
            raise StepRefused(f"the plan of order {plan.order_no} still needs the approval "
                              f"of {', '.join(plan.coordination.missing)} (PLN-3)")
    for request_no, day in needed_by.items():
        request = plan.request(request_no)
        if request is None:
            raise PlanningRejected(f"the plan of order {plan.order_no} has no material "
                                   f"request {request_no}")
        if day > request.needed_by:
            raise PlanningRejected(
                f"{request_no} ({request.material_code}) is needed by {request.needed_by}, "
                f"when its first work order starts: it cannot be asked for later ({day})")
        if day < today:
            raise PlanningRejected(f"{request_no} cannot be needed by {day}, in the past")
    for request_no, day in needed_by.items():
        plan.request(request_no).needed_by = day
    plan.published_at, plan.published_by, plan.publish_note = at, by, note


def task_list(plan, design_days: int) -> list[Task]:
    """PLN-1: design (if needed), procurement per material (stock checked first), assembly
    start and finish per work order, packaging -- each with its due time."""
    tasks: list[Task] = []
    if plan.non_regular:
        start = min((wo.planned_start for wo in plan.work_orders), default=None)
        tasks.append(Task("design", plan.order_no, start, None, "planned",
                          f"technical design: {design_days} working days, done before "
                          "production starts (SAL-3)"))
    for r in plan.material_requests:
        source = (f"in store ({r.source})" if r.available_at else
                  f"ordered ({r.po_no}), ETA {r.eta}" if r.po_no else
                  "to be bought or taken from group-wide stock (PRC-1)")
        tasks.append(Task("procurement", r.material_code, None, r.needed_by, str(r.status),
                          f"{r.quantity.normalize():f} {r.material_code} needed by "
                          f"{r.needed_by}: {source}"))
    for wo in plan.work_orders:
        tasks.append(Task("assembly_start", wo.work_order_no, wo.planned_start, None,
                          str(wo.status), f"{wo.work_order_no} ({wo.product_code}) starts on "
                          f"{wo.work_centre}"))
        tasks.append(Task("assembly_finish", wo.work_order_no, wo.planned_finish, None,
                          str(wo.status), f"{wo.work_order_no} finishes "
                          f"{wo.quantity.normalize():f} x {wo.product_code}"))
    packed = plan.stocked_at is not None
    tasks.append(Task("packaging", plan.order_no, plan.planned_completion + PACKAGING, None,
                      "done" if packed else "planned",
                      "packed to factory standard and stocked after the final inspection "
                      "(LOG-1, PLN-12)"))
    return tasks


PACKAGING = timedelta(hours=4)  # the final inspection and packing after the last work order
