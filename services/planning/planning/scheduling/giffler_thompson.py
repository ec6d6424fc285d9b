"""Giffler-Thompson active-schedule generation under calendars and frozen operations.

Repeatedly: among the next operations of all orders, find the earliest possible completion
``c*`` and its work centre; the operations that could start on that centre before ``c*`` form
the conflict set; the dispatching rule picks one. Every schedule built this way is active (no
operation can be started earlier without delaying another), and the optimum is among them.

Frozen operations are placed first at their fixed starts and block their work centre; other
operations may use the gaps before them when they fit (see ``_fit``).
"""

from __future__ import annotations

import random

from .dispatching import Rule
from .flat import FlatProblem

NEVER = float("inf")


def generate(
    flat: FlatProblem, rule: Rule, rng: random.Random | None = None, noise: float = 0.0
) -> tuple[list[int], list[int]]:
    n, n_centres = flat.n_ops, len(flat.calendars)
    calendars, centre_of, duration = flat.calendars, flat.op_centre, flat.op_duration
    earliest, job_of = flat.op_earliest, flat.op_job
    starts, ends = [0] * n, [0] * n
    reserved: list[list[tuple[int, int]]] = [[] for _ in range(n_centres)]
    job_ready = [0] * len(flat.job_ops)
    job_next = [0] * len(flat.job_ops)
    for j, ops in enumerate(flat.job_ops):
        for pos, op in enumerate(ops):
            fixed = flat.op_fixed[op]
            if fixed is None:
                break
            m = centre_of[op]
            starts[op], ends[op] = fixed, calendars[m].advance(fixed, duration[op])
            reserved[m].append((fixed, ends[op]))
            job_ready[j], job_next[j] = ends[op], pos + 1
    for intervals in reserved:
        intervals.sort()
    first_reserved = [0] * n_centres
    centre_ready = [0] * n_centres
    est, ect = [0] * n, [0] * n
    candidates: list[list[int]] = [[] for _ in range(n_centres)]
    best_ect = [NEVER] * n_centres

    def fit(op: int) -> None:
        # Earliest start on the centre after its last dispatched operation that neither
        # overlaps a frozen operation nor breaks the calendar rule.
        m = centre_of[op]
        cal, d = calendars[m], duration[op]
        t = cal.next_working(max(job_ready[job_of[op]], centre_ready[m], earliest[op]))
        e = cal.advance(t, d)
        blocks = reserved[m]
        for i in range(first_reserved[m], len(blocks)):
            block_start, block_end = blocks[i]
            if block_end <= t:
                continue
            if block_start >= e:
                break
            t = cal.next_working(block_end)
            e = cal.advance(t, d)
        est[op], ect[op] = t, e

    for j, ops in enumerate(flat.job_ops):
        if job_next[j] < len(ops):
            op = ops[job_next[j]]
            fit(op)
            m = centre_of[op]
            candidates[m].append(op)
            best_ect[m] = min(best_ect[m], ect[op])

    remaining = sum(len(ops) - job_next[j] for j, ops in enumerate(flat.job_ops))
    centres = range(n_centres)
    for _ in range(remaining):
        m = min(centres, key=best_ect.__getitem__)
        bound = best_ect[m]
        conflict = [op for op in candidates[m] if est[op] < bound]
        if rng is not None and noise and rng.random() < noise:
            chosen = rng.choice(conflict)
        else:
            chosen = min(conflict, key=lambda op: rule(op, est[op]))
        starts[chosen], ends[chosen] = est[chosen], ect[chosen]
        centre_ready[m] = ect[chosen]
        blocks = reserved[m]
        while first_reserved[m] < len(blocks) and blocks[first_reserved[m]][1] <= ect[chosen]:
            first_reserved[m] += 1
        j = job_of[chosen]
        job_ready[j] = ect[chosen]
        candidates[m].remove(chosen)
        job_next[j] += 1
        if job_next[j] < len(flat.job_ops[j]):
            follower = flat.job_ops[j][job_next[j]]
            candidates[centre_of[follower]].append(follower)
            if centre_of[follower] != m:
                fit(follower)
                other = centre_of[follower]
                best_ect[other] = min(best_ect[other], ect[follower])
        # Only candidates that were waiting for this centre can have moved: one whose order
        # or material made it ready after the new centre-ready time keeps its est/ect.
        best = NEVER
        now_free = centre_ready[m]
        for op in candidates[m]:
            if est[op] < now_free or first_reserved[m] < len(blocks):
                fit(op)
            if ect[op] < best:
                best = ect[op]
        best_ect[m] = best
    return starts, ends
