"""Left shift: start every operation as early as its order and its work centre's sequence allow.

Keeps each work centre's sequence and every frozen operation, so the result is feasible
whenever the input was, and no operation starts later than before (by induction along the
sequences: each one's earliest possible start is at most where it was). Under an objective
that only grows with completion times, the shifted schedule is never worse.
"""

from __future__ import annotations

from .flat import FlatProblem


def left_shift(flat: FlatProblem, starts: list[int], ends: list[int]
               ) -> tuple[list[int], list[int]]:
    n = flat.n_ops
    machine_next, machine_prev = [-1] * n, [-1] * n
    by_centre: dict[int, list[int]] = {}
    for op in range(n):
        by_centre.setdefault(flat.op_centre[op], []).append(op)
    for ops in by_centre.values():
        ops.sort(key=lambda op: (starts[op], ends[op]))
        for before, after in zip(ops, ops[1:], strict=False):
            machine_next[before], machine_prev[after] = after, before
    job_next, job_prev = [-1] * n, [-1] * n
    for ops in flat.job_ops:
        for before, after in zip(ops, ops[1:], strict=False):
            job_next[before], job_prev[after] = after, before
    waiting = [(job_prev[op] >= 0) + (machine_prev[op] >= 0) for op in range(n)]
    ready = [op for op in range(n) if not waiting[op]]
    new_starts, new_ends = list(starts), list(ends)
    calendars, centre, duration = flat.calendars, flat.op_centre, flat.op_duration
    while ready:
        op = ready.pop()
        if flat.op_fixed[op] is None:
            t = flat.op_earliest[op]
            for before in (job_prev[op], machine_prev[op]):
                if before >= 0 and new_ends[before] > t:
                    t = new_ends[before]
            cal = calendars[centre[op]]
            new_starts[op] = cal.next_working(t)
            new_ends[op] = cal.advance(new_starts[op], duration[op])
        for after in (job_next[op], machine_next[op]):
            if after >= 0:
                waiting[after] -= 1
                if not waiting[after]:
                    ready.append(after)
    return new_starts, new_ends
