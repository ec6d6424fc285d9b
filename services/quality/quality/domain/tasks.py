"""Inspection tasks that keep pace with the plan (QLT-2).

When planning decomposes an order (PLN-1), quality plans an inspection point for every
work order — the product (or self-made part) is inspected in process when the work
order's planned finish comes — and a final inspection when the whole order is planned to
complete. Each task carries its planned time from the plan and its planned inspection
minutes (quantity × the standard minutes per unit of its point).

A leader assigns and reassigns tasks (QLT-2: "when an inspector cannot finish even with
overtime, others are sent to help"); an inspector's queue of a working day is overloaded
when its planned minutes exceed the day's working time.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from decimal import ROUND_CEILING, Decimal

from quality.domain.errors import FindingStepOutOfOrder, LeaderDecides
from quality.domain.findings import LEADER_ROLES

IN_PROCESS, FINAL = "in_process", "final"
OPEN, DONE = "open", "done"
# Standard inspection minutes per unit at each point (the company's inspection norm; the
# work orders carry no inspection times of their own).
MINUTES_PER_UNIT = {IN_PROCESS: Decimal(15), FINAL: Decimal(30)}
UNASSIGNED = None


@dataclass
class InspectionTask:
    task_no: str
    company_id: str
    order_no: str
    plan_no: str
    point: str
    planned_at: datetime
    planned_minutes: int
    work_order_no: str | None = None
    product_code: str | None = None
    quantity: Decimal | None = None
    inspector: str | None = UNASSIGNED
    assigned_by: str | None = None
    status: str = OPEN
    done_at: datetime | None = None
    done_by: str | None = None

    def assign(self, inspector: str, *, by: str, roles: Iterable[str]) -> None:
        """QLT-2: a leader (re)assigns the task, e.g. away from an overloaded inspector."""
        if not set(roles) & set(LEADER_ROLES):
            raise LeaderDecides("only the quality leader assigns inspection tasks (QLT-2)",
                                {"task_no": self.task_no})
        if self.status != OPEN:
            raise FindingStepOutOfOrder(f"task {self.task_no} is already done",
                                        {"task_no": self.task_no})
        self.inspector, self.assigned_by = inspector, by

    def complete(self, *, by: str, at: datetime) -> None:
        if self.status != OPEN:
            raise FindingStepOutOfOrder(f"task {self.task_no} is already done",
                                        {"task_no": self.task_no})
        self.status, self.done_by, self.done_at = DONE, by, at


def minutes_for(point: str, quantity: Decimal) -> int:
    return int((MINUTES_PER_UNIT[point] * quantity).to_integral_value(ROUND_CEILING))


def load(tasks: Iterable[InspectionTask], capacity_minutes: int) -> list[dict]:
    """Each inspector's open tasks of a day, their planned minutes and whether that is more
    than the day's working time (unassigned tasks listed as inspector None)."""
    queues: dict[str | None, list[InspectionTask]] = {}
    for task in tasks:
        if task.status == OPEN:
            queues.setdefault(task.inspector, []).append(task)
    return [{"inspector": inspector, "tasks": len(queue),
             "planned_minutes": sum(t.planned_minutes for t in queue),
             "capacity_minutes": capacity_minutes,
             "overloaded": inspector is not None
             and sum(t.planned_minutes for t in queue) > capacity_minutes}
            for inspector, queue in sorted(queues.items(), key=lambda kv: (kv[0] is None,
                                                                            kv[0] or ""))]
