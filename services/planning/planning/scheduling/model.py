"""The scheduling model (PLN-5): work centres, work orders and their routings, and schedules.

All times are integer minutes from the problem's ``origin`` (see ``work_calendar``).
Routings are linear: a work order's operations run in the listed order, each on one work centre.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime

from .work_calendar import WorkCalendar

GRADES = ("A", "B", "C")


@dataclass(frozen=True)
class WorkCentre:
    id: str
    name: str
    calendar: WorkCalendar = field(default_factory=WorkCalendar.always_open)


@dataclass(frozen=True)
class MaterialNeed:
    """A material an operation cannot start without, and when it will be in store (PLN-12)."""

    name: str
    ready_at: int
    source: str = "supplier lead time"


@dataclass(frozen=True)
class Operation:
    id: str
    work_centre: str
    duration: int  # working minutes, >= 1
    materials: tuple[MaterialNeed, ...] = ()
    # Frozen or already started: the schedule must keep this start. Frozen operations must be
    # a prefix of their routing (one cannot freeze step 3 while step 2 is still open).
    fixed_start: int | None = None

    @property
    def material_ready(self) -> int:
        return max((m.ready_at for m in self.materials), default=0)


@dataclass(frozen=True)
class WorkOrder:
    id: str
    operations: tuple[Operation, ...]
    due: int
    priority: int = 0  # 0 normal, 1 urgent, 2 rush (ORD-4)
    grade: str = "B"  # customer grade A/B/C
    release: int = 0  # production instruction issued / earliest start

    def __post_init__(self) -> None:
        if self.grade not in GRADES:
            raise ValueError(f"order {self.id}: customer grade must be one of {GRADES}")
        if not self.operations:
            raise ValueError(f"order {self.id} has no operations")
        seen_open = False
        for op in self.operations:
            if op.duration < 1:
                raise ValueError(f"operation {op.id}: duration must be at least one minute")
            if op.fixed_start is None:
                seen_open = True
            elif seen_open:
                raise ValueError(f"order {self.id}: frozen operations must be a routing prefix")


@dataclass(frozen=True)
class Problem:
    work_centres: tuple[WorkCentre, ...]
    orders: tuple[WorkOrder, ...]
    origin: datetime | None = None  # for explanations in dates; None for abstract instances

    def __post_init__(self) -> None:
        centres = {wc.id for wc in self.work_centres}
        for order in self.orders:
            for op in order.operations:
                if op.work_centre not in centres:
                    raise ValueError(f"operation {op.id}: unknown work centre {op.work_centre}")

    def centre(self, centre_id: str) -> WorkCentre:
        return next(wc for wc in self.work_centres if wc.id == centre_id)

    def order(self, order_id: str) -> WorkOrder:
        return next(o for o in self.orders if o.id == order_id)

    def with_order(self, order: WorkOrder) -> Problem:
        return replace(self, orders=self.orders + (order,))

    def without_order(self, order_id: str) -> Problem:
        return replace(self, orders=tuple(o for o in self.orders if o.id != order_id))


@dataclass(frozen=True)
class ScheduledOperation:
    op_id: str
    order_id: str
    work_centre: str
    start: int
    end: int


@dataclass
class Schedule:
    operations: dict[str, ScheduledOperation]
    method: str  # which solver produced it, e.g. "heuristic:atc" or "cp-sat"
    objective: int
    optimal: bool = False
    lower_bound: int | None = None
    seconds: float = 0.0

    def completions(self) -> dict[str, int]:
        done: dict[str, int] = {}
        for op in self.operations.values():
            done[op.order_id] = max(done.get(op.order_id, op.end), op.end)
        return done

    @property
    def makespan(self) -> int:
        return max((op.end for op in self.operations.values()), default=0)

    def on_centre(self, centre_id: str) -> list[ScheduledOperation]:
        ops = [op for op in self.operations.values() if op.work_centre == centre_id]
        return sorted(ops, key=lambda op: op.start)
