"""Capable-to-promise (PLN-2): the earliest date a proposed order could be finished, and why.

The current schedule stays as it is: the new order's operations are placed, in routing order,
into the earliest free gap on their work centre that fits them under the calendar rule, after
their predecessor and their materials. No re-solve, so an answer takes milliseconds even on a
10,000-operation plant: build ``CapacityIndex`` once per published schedule and query it.

The binding constraint is found by walking back from the last operation: the first operation
that waited for its work centre or a material explains the date; operations that merely
followed their predecessor pass the question on.
"""

from __future__ import annotations

import bisect
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass

from .explanations import BindingConstraint, hours
from .model import Problem, Schedule, WorkOrder
from .work_calendar import WorkCalendar, format_minutes


@dataclass(frozen=True)
class PlacedOperation:
    op_id: str
    work_centre: str
    start: int
    end: int
    ready: int  # when predecessor, release and materials allowed it to start
    waited_for: str  # "work_centre" | "material" | "release" | "predecessor" | "nothing"
    booked_until: int | None = None  # end of the last booking that pushed it back


@dataclass(frozen=True)
class Promise:
    order_id: str
    completion: int
    completion_text: str
    on_time: bool
    binding: BindingConstraint
    operations: tuple[PlacedOperation, ...]


class CapacityIndex:
    """Booked intervals per work centre of one schedule, merged and sorted for bisecting."""

    def __init__(self, problem: Problem, schedule: Schedule,
                 check: Callable[[str], None] | None = None) -> None:
        """`check(doing)` is called every few thousand intervals: a caller's time budget can
        stop indexing a very large plan (it raises)."""
        self.problem = problem
        self.centres = {wc.id: wc for wc in problem.work_centres}
        booked: dict[str, list[tuple[int, int]]] = defaultdict(list)
        for op in schedule.operations.values():
            booked[op.work_centre].append((op.start, op.end))
        self._starts: dict[str, list[int]] = {}
        self._ends: dict[str, list[int]] = {}
        for centre, intervals in booked.items():
            merged: list[list[int]] = []
            for n, (start, end) in enumerate(sorted(intervals)):
                if check is not None and n % 2000 == 0:
                    check(f"indexing work centre {centre}")
                if merged and start <= merged[-1][1]:
                    merged[-1][1] = max(merged[-1][1], end)
                else:
                    merged.append([start, end])
            self._starts[centre] = [s for s, _ in merged]
            self._ends[centre] = [e for _, e in merged]

    def copy(self) -> CapacityIndex:
        twin = object.__new__(CapacityIndex)
        twin.problem, twin.centres = self.problem, self.centres
        twin._starts = {c: list(v) for c, v in self._starts.items()}
        twin._ends = {c: list(v) for c, v in self._ends.items()}
        return twin

    def add(self, centre: str, start: int, end: int) -> None:
        """Book one more interval (a placed operation) without rebuilding the index."""
        starts = self._starts.setdefault(centre, [])
        ends = self._ends.setdefault(centre, [])
        i = bisect.bisect_left(starts, start)
        # merge with the neighbours it touches, so the lists stay disjoint and sorted
        if i > 0 and ends[i - 1] >= start:
            i -= 1
            start = starts[i]
        j = i
        while j < len(starts) and starts[j] <= end:
            end = max(end, ends[j])
            j += 1
        starts[i:j] = [start]
        ends[i:j] = [end]

    def earliest_fit(self, centre: str, ready: int, duration: int,
                     extra: list[tuple[int, int]]) -> tuple[int, int, int | None]:
        """Earliest (start, end) at or after ``ready`` free of bookings and of ``extra``, and
        the end of the last booking that was in the way (None if nothing was)."""
        cal: WorkCalendar = self.centres[centre].calendar
        starts, ends = self._starts.get(centre, []), self._ends.get(centre, [])
        t = cal.next_working(ready)
        blocked_until = None
        while True:
            end = cal.advance(t, duration)
            i = bisect.bisect_right(ends, t)  # first booking still running after t
            if i < len(starts) and starts[i] < end:
                blocked_until = ends[i]
                t = cal.next_working(ends[i])
                continue
            clash = next((e for s, e in extra if s < end and t < e), None)
            if clash is None:
                return t, end, blocked_until
            blocked_until = clash
            t = cal.next_working(clash)

    def promise(self, order: WorkOrder) -> Promise:
        placed: list[PlacedOperation] = []
        own: dict[str, list[tuple[int, int]]] = defaultdict(list)
        previous_end = order.release
        for k, op in enumerate(order.operations):
            material = op.material_ready
            ready = max(previous_end, order.release, material)
            cal = self.centres[op.work_centre].calendar
            start, end, blocked = self.earliest_fit(op.work_centre, ready, op.duration,
                                                    own[op.work_centre])
            if blocked is not None and start > cal.next_working(ready):
                reason = "work_centre"
            elif material >= max(previous_end, order.release) and material > 0:
                reason = "material"
            elif k == 0:
                reason = "release" if order.release > 0 else "nothing"
            else:
                reason = "predecessor"
            own[op.work_centre].append((start, end))
            placed.append(PlacedOperation(op.id, op.work_centre, start, end, ready, reason,
                                          blocked))
            previous_end = end
        completion = placed[-1].end
        binding = self._explain(order, placed)
        return Promise(order.id, completion, format_minutes(self.problem.origin, completion),
                       completion <= order.due, binding, tuple(placed))

    def _explain(self, order: WorkOrder, placed: list[PlacedOperation]) -> BindingConstraint:
        origin = self.problem.origin
        by_id = {op.id: op for op in order.operations}
        for step in reversed(placed):
            if step.waited_for == "work_centre":
                name = self.centres[step.work_centre].name
                when = format_minutes(origin, step.booked_until)
                return BindingConstraint(
                    "work_centre_capacity", name, step.booked_until,
                    f"work centre '{name}' is fully booked until {when}",
                )
            if step.waited_for == "material":
                need = max(by_id[step.op_id].materials, key=lambda m: m.ready_at)
                when = format_minutes(origin, need.ready_at)
                return BindingConstraint(
                    "material_lead_time", need.name, need.ready_at,
                    f"material '{need.name}' arrives {when} ({need.source})",
                )
            if step.waited_for == "release":
                when = format_minutes(origin, order.release)
                return BindingConstraint(
                    "release", order.id, order.release,
                    f"order '{order.id}' cannot start before its release at {when}",
                )
        work = sum(op.duration for op in order.operations)
        return BindingConstraint(
            "processing_time", order.id, placed[-1].end,
            f"nothing waits: the routing's own {hours(work)} of work on "
            f"{len(order.operations)} operations decide the date",
        )


def capable_to_promise(problem: Problem, schedule: Schedule, order: WorkOrder) -> Promise:
    """One-off query; for repeated queries against one schedule keep a ``CapacityIndex``."""
    return CapacityIndex(problem.with_order(order), schedule).promise(order)
