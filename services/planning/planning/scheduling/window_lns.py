"""Large plants: improve a schedule by re-solving one time window at a time with CP-SAT.

A CP-SAT model of a whole 10,000-operation plant with calendars takes seconds to build and
finds nothing better than the heuristic within a 10 s budget. A window of a few days holds a
few hundred operations: small enough to build in a fraction of a second and to solve well. Each
round frees the operations that start inside one window (anchored on a costly late order, so
the effort goes where the objective is), keeps every other operation where it is, and asks
CP-SAT to reorder the free ones. Whatever is outside the window stays feasible by construction:
a free operation must end before its order's next fixed step and must not overlap the fixed
operations on its work centre.

After each accepted round a left shift (``left_shift``) lets everything downstream move up
into time the window freed, which is how a better window also helps later steps.
"""

from __future__ import annotations

import random
import time
from collections import defaultdict
from dataclasses import dataclass

from ortools.sat.python import cp_model

from .cpsat_model import calendar_interval
from .flat import FlatProblem
from .left_shift import left_shift
from .model import Schedule
from .objective import ObjectiveKind

DAY = 24 * 60


@dataclass
class WindowSettings:
    window: int = 3 * DAY  # minutes of schedule freed per round
    round_seconds: float = 1.5  # CP-SAT time per window
    max_free: int = 600  # operations freed per round at most (the earliest-starting ones)
    slack: int = 2 * DAY  # how far past the window a free last step may move


def improve_by_windows(flat: FlatProblem, start: Schedule, kind: ObjectiveKind,
                       time_limit: float, workers: int = 2, seed: int = 0,
                       settings: WindowSettings | None = None) -> Schedule:
    """Best schedule found within ``time_limit`` seconds; never worse than ``start``."""
    cfg = settings or WindowSettings()
    deadline = time.perf_counter() + time_limit
    order = [op.id for o in flat.problem.orders for op in o.operations]
    starts = [start.operations[i].start for i in order]
    ends = [start.operations[i].end for i in order]
    value = flat.objective_of(ends, kind)
    rng = random.Random(seed)
    rounds = improved_rounds = 0
    while deadline - time.perf_counter() > 0.5:
        rounds += 1
        anchor = _anchor(flat, starts, ends, kind, rng)
        free = _free_ops(flat, starts, anchor - cfg.window, anchor, cfg.max_free)
        seconds = min(cfg.round_seconds, deadline - time.perf_counter() - 0.3)
        solved = _solve_window(flat, starts, ends, free, kind, cfg, seconds, workers)
        if solved is None:
            continue
        new_starts, new_ends = left_shift(flat, *solved)
        new_value = flat.objective_of(new_ends, kind)
        if new_value < value:
            starts, ends, value = new_starts, new_ends, new_value
            improved_rounds += 1
    if value >= start.objective:
        return start
    return flat.to_schedule(starts, ends, f"{start.method}+window-lns({improved_rounds}/"
                            f"{rounds})", value)


def _anchor(flat: FlatProblem, starts: list[int], ends: list[int], kind: ObjectiveKind,
            rng: random.Random) -> int:
    """End of a window: the last step of an order, drawn by its share of the lateness cost
    (or of the makespan's tail), so costly orders are revisited more often."""
    lasts = [ops[-1] for ops in flat.job_ops]
    if kind == "makespan":
        weights = [ends[op] for op in lasts]
    else:
        weights = [flat.job_weight[j] * max(0, ends[op] - flat.job_due[j]) + 1
                   for j, op in enumerate(lasts)]
    op = rng.choices(lasts, weights)[0]
    return starts[op] + rng.randrange(DAY // 2)


def _free_ops(flat: FlatProblem, starts: list[int], lo: int, hi: int, limit: int) -> set[int]:
    inside = [op for op in range(flat.n_ops)
              if flat.op_fixed[op] is None and lo <= starts[op] < hi]
    inside.sort(key=lambda op: -starts[op])  # keep the ones nearest the anchor
    return set(inside[:limit])


def _solve_window(flat: FlatProblem, starts: list[int], ends: list[int], free: set[int],
                  kind: ObjectiveKind, cfg: WindowSettings, seconds: float,
                  workers: int) -> tuple[list[int], list[int]] | None:
    if not free or seconds < 0.2:
        return None
    model = cp_model.CpModel()
    job_prev: dict[int, int] = {}
    job_next: dict[int, int] = {}
    for ops in flat.job_ops:
        for before, after in zip(ops, ops[1:], strict=False):
            job_prev[after], job_next[before] = before, after
    far = max(starts[op] for op in free) + cfg.slack
    var_start, var_end, intervals = {}, {}, defaultdict(list)
    lo_all, hi_all = far, 0
    for op in free:
        m, d, cal = flat.op_centre[op], flat.op_duration[op], flat.calendars[flat.op_centre[op]]
        prev, nxt = job_prev.get(op), job_next.get(op)
        lo = flat.op_earliest[op]
        if prev is not None and prev not in free:
            lo = max(lo, ends[prev])
        hi = far if nxt is None or nxt in free else starts[nxt] - d
        # Moves of more than a window are rare in a good solution and would drag thousands
        # of fixed operations into the model.
        lo = cal.next_working(max(lo, starts[op] - cfg.window))
        hi = max(min(hi, starts[op] + cfg.slack), starts[op])
        lo_all, hi_all = min(lo_all, lo), max(hi_all, cal.advance(hi, d))
        s, e, interval = calendar_interval(model, cal, op, d, lo, hi, starts[op], ends[op])
        if nxt is not None and nxt not in free:
            model.add(e <= starts[nxt])
        var_start[op], var_end[op] = s, e
        intervals[m].append(interval)
    for op in range(flat.n_ops):
        m = flat.op_centre[op]
        if op not in free and m in intervals and ends[op] > lo_all and starts[op] < hi_all:
            intervals[m].append(model.new_fixed_size_interval_var(
                starts[op], ends[op] - starts[op], f"x{op}"))
    for ops in intervals.values():
        model.add_no_overlap(ops)
    for op in free:
        nxt = job_next.get(op)
        if nxt in free:
            model.add(var_end[op] <= var_start[nxt])
    _window_objective(flat, model, free, var_end, ends, kind)
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = seconds
    solver.parameters.num_workers = workers
    solver.parameters.cp_model_probing_level = 0  # probing the calendar encoding took seconds
    status = solver.solve(model)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return None
    new_starts, new_ends = list(starts), list(ends)
    for op in free:
        new_starts[op], new_ends[op] = solver.value(var_start[op]), solver.value(var_end[op])
    return new_starts, new_ends


def _window_objective(flat: FlatProblem, model: cp_model.CpModel, free: set[int],
                      var_end: dict, ends: list[int], kind: ObjectiveKind) -> None:
    """Only the orders whose last step is free can change their completion inside a round.
    A unit cost on every free end pulls the other steps early, making room downstream that the
    left shift then uses."""
    terms = [var_end[op] for op in free]
    for j, ops in enumerate(flat.job_ops):
        last = ops[-1]
        if last not in free:
            continue
        if kind == "makespan":
            terms.append(1000 * var_end[last])
            continue
        due = flat.job_due[j]
        late = model.new_int_var(0, max(0, ends[last] - due) + 400 * DAY, f"late{j}")
        model.add(late >= var_end[last] - due)
        model.add_hint(late, max(0, ends[last] - due))
        terms.append(flat.job_weight[j] * late + flat.lead_time_weight * var_end[last])
    model.minimize(sum(terms))
