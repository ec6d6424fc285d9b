"""Incremental re-plan by right shift (PLN-5, PLN-9): the live plan, repaired, not rebuilt.

When something takes capacity away — a rush order inserted ahead, a work centre's breakdown,
an operation that runs longer than planned — the published schedule is repaired instead of
solved again: every work centre keeps its sequence, frozen operations keep their place, and
each other operation moves later only as far as it must (after its predecessor, its
materials, the previous operation on its work centre, and clear of the `blocked` time). So
an order the disruption does not reach keeps its dates exactly, and the ones it reaches move
by an amount that can be shown before anyone approves (the impact list) and then applied
unchanged.

Operations are visited in the order of their current starts: in a valid schedule every
operation's routing predecessor and work-centre predecessor start before it, so each is
placed after both of its predecessors are.
"""

from __future__ import annotations

from collections import defaultdict

from .model import Problem, Schedule, ScheduledOperation


def right_shift(problem: Problem, current: Schedule,
                blocked: dict[str, list[tuple[int, int]]] | None = None,
                method: str = "repair:right-shift") -> Schedule:
    """`current` repaired around `blocked` intervals per work centre (and around any longer
    durations in `problem`); operations never move earlier."""
    spans = {centre: sorted(intervals) for centre, intervals in (blocked or {}).items()}
    calendars = {wc.id: wc.calendar for wc in problem.work_centres}
    order_of, position = {}, {}
    for order in problem.orders:
        for k, op in enumerate(order.operations):
            order_of[op.id], position[op.id] = order, k
    visit = sorted(order_of, key=lambda op_id: (current.operations[op_id].start,
                                                position[op_id], op_id))
    centre_free: dict[str, int] = defaultdict(int)
    placed: dict[str, ScheduledOperation] = {}
    for op_id in visit:
        order, k = order_of[op_id], position[op_id]
        op = order.operations[k]
        was = current.operations[op_id]
        cal = calendars[op.work_centre]
        if op.fixed_start is not None:
            start = op.fixed_start
        else:
            previous = placed[order.operations[k - 1].id].end if k else order.release
            ready = max(was.start, previous, op.material_ready, centre_free[op.work_centre])
            start = _clear_of(spans.get(op.work_centre, []), cal, ready, op.duration)
        end = cal.advance(start, op.duration)
        placed[op_id] = ScheduledOperation(op_id, order.id, op.work_centre, start, end)
        centre_free[op.work_centre] = max(centre_free[op.work_centre], end)
    objective = sum(max(0, max(placed[o.id].end for o in order.operations) - order.due)
                    for order in problem.orders)
    return Schedule(placed, method=method, objective=objective)


def _clear_of(spans: list[tuple[int, int]], cal, ready: int, duration: int) -> int:
    """Earliest working start at or after `ready` whose run misses every blocked span (a
    disruption blocks a few spans per work centre: a linear scan is enough)."""
    t = cal.next_working(ready)
    while True:
        end = cal.advance(t, duration)
        clash = max((e for s, e in spans if s < end and e > t), default=None)
        if clash is None:
            return t
        t = cal.next_working(clash)


def moved_orders(before: Schedule, after: Schedule) -> dict[str, tuple[int, int]]:
    """Orders whose completion differs: order id -> (completion before, after)."""
    old, new = before.completions(), after.completions()
    return {order_id: (old[order_id], new[order_id]) for order_id in old
            if order_id in new and new[order_id] != old[order_id]}
