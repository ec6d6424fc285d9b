"""Independent schedule checker: precedence, no overlap, calendars, frozen operations, material.

Written without reusing solver code paths beyond ``WorkCalendar.advance`` (the calendar rule
itself), so that a solver bug shows up here instead of being repeated.
"""

from __future__ import annotations

from collections import defaultdict

from .model import Problem, Schedule


def violations(problem: Problem, schedule: Schedule) -> list[str]:
    found: list[str] = []
    planned = schedule.operations
    expected = {op.id for order in problem.orders for op in order.operations}
    if missing := expected - planned.keys():
        found.append(f"operations not scheduled: {sorted(missing)[:5]}")
    if extra := planned.keys() - expected:
        found.append(f"unknown operations scheduled: {sorted(extra)[:5]}")
    calendars = {wc.id: wc.calendar for wc in problem.work_centres}
    for order in problem.orders:
        previous_end = None
        for op in order.operations:
            placed = planned.get(op.id)
            if placed is None:
                continue
            cal = calendars[op.work_centre]
            if placed.work_centre != op.work_centre or placed.order_id != order.id:
                found.append(f"{op.id}: placed on the wrong work centre or order")
            if not cal.is_working(placed.start):
                found.append(f"{op.id}: starts at {placed.start}, outside working time")
            elif placed.end != cal.advance(placed.start, op.duration):
                found.append(
                    f"{op.id}: ends at {placed.end} but {op.duration} working minutes from "
                    f"{placed.start} end at {cal.advance(placed.start, op.duration)}"
                )
            if op.fixed_start is not None and placed.start != op.fixed_start:
                found.append(f"{op.id}: frozen at {op.fixed_start} but moved to {placed.start}")
            if placed.start < order.release:
                found.append(f"{op.id}: starts before the order's release {order.release}")
            for need in op.materials:
                if placed.start < need.ready_at:
                    found.append(f"{op.id}: starts before material {need.name} is ready")
            if previous_end is not None and placed.start < previous_end:
                found.append(f"{op.id}: starts before its predecessor ends ({previous_end})")
            previous_end = placed.end
    by_centre = defaultdict(list)
    for placed in planned.values():
        by_centre[placed.work_centre].append(placed)
    for centre, ops in by_centre.items():
        ops.sort(key=lambda p: (p.start, p.end))
        for before, after in zip(ops, ops[1:], strict=False):
            if after.start < before.end:
                found.append(f"{centre}: {before.op_id} and {after.op_id} overlap")
    return found


def assert_valid(problem: Problem, schedule: Schedule) -> None:
    if problems := violations(problem, schedule):
        raise AssertionError("invalid schedule:\n" + "\n".join(problems[:20]))
