"""The CP-SAT formulation: one interval per operation, NoOverlap per work centre, precedence.

Calendars: an operation's elapsed span depends on where it starts (a job started late in a
shift pauses overnight). ``WorkCalendar.start_segments`` splits the possible starts into runs
of constant span; we group runs by span, so each operation gets one Boolean per *distinct*
span (usually a handful: no break, one night, a weekend, a holiday) rather than one per shift.
On an always-open calendar the interval simply has fixed size.

Domains are tightened with heads (earliest start from predecessors and materials) and tails
(remaining work before the horizon), which matters a lot for the job-shop benchmarks.
"""

from __future__ import annotations

import time
from collections import defaultdict
from dataclasses import dataclass, field

from ortools.sat.python import cp_model

from .flat import FlatProblem
from .objective import ObjectiveKind


@dataclass
class CpModelVars:
    model: cp_model.CpModel
    starts: list = field(default_factory=list)  # int var or constant per operation
    ends: list = field(default_factory=list)
    objective_terms: dict = field(default_factory=dict)  # name -> var, for hints


class BuildTimeout(Exception):
    """Building the model used up the time budget (very large plants)."""


def build_model(
    flat: FlatProblem, hint_starts: list[int], hint_ends: list[int], kind: ObjectiveKind,
    horizon: int, lower_bound: int, window: int | None = None, deadline: float | None = None,
) -> CpModelVars:
    """``window`` (minutes), if given, keeps each operation within that distance of its hinted
    start: a large-neighbourhood restriction that keeps the calendar encoding of a
    10,000-operation plant small enough to build and search within seconds."""
    model = cp_model.CpModel()
    out = CpModelVars(model)
    head = _heads(flat)
    tail = _tails(flat)
    intervals = defaultdict(list)
    for op in range(flat.n_ops):
        m, d = flat.op_centre[op], flat.op_duration[op]
        cal = flat.calendars[m]
        if flat.op_fixed[op] is not None:
            start, end = hint_starts[op], hint_ends[op]
            intervals[m].append(model.new_fixed_size_interval_var(start, end - start, f"f{op}"))
            out.starts.append(start)
            out.ends.append(end)
            continue
        if deadline is not None and op % 256 == 0 and time.perf_counter() > deadline:
            raise BuildTimeout
        lo = cal.next_working(head[op])
        hi = max(lo, hint_starts[op], horizon - tail[op])
        if window is not None:
            lo = max(lo, cal.next_working(hint_starts[op] - window))
            hi = min(hi, hint_starts[op] + window)
        start, end, interval = calendar_interval(model, cal, op, d, lo, hi, hint_starts[op],
                                                 hint_ends[op])
        intervals[m].append(interval)
        out.starts.append(start)
        out.ends.append(end)
    for centre_intervals in intervals.values():
        model.add_no_overlap(centre_intervals)
    for ops in flat.job_ops:
        for before, after in zip(ops, ops[1:], strict=False):
            if flat.op_fixed[after] is None:
                model.add(out.ends[before] <= out.starts[after])
    _objective(flat, out, hint_ends, kind, horizon, lower_bound)
    return out


def calendar_interval(model: cp_model.CpModel, cal, op: int, d: int, lo: int, hi: int,
                      hint_start: int, hint_end: int):
    """Start, end and interval of an operation of ``d`` working minutes starting in
    ``[lo, hi]`` on calendar ``cal`` (see the module docstring), hinted at its current place."""
    if cal.is_always_open:
        start = model.new_int_var(lo, hi, f"s{op}")
        model.add_hint(start, hint_start)
        return start, start + d, model.new_fixed_size_interval_var(start, d, f"i{op}")
    by_span: dict[int, list[list[int]]] = defaultdict(list)
    for first, last, span in cal.start_segments(d, lo, hi):
        by_span[span].append([first, last])
    start = model.new_int_var_from_domain(
        cp_model.Domain.from_intervals([r for runs in by_span.values() for r in runs]),
        f"s{op}",
    )
    hint_span = hint_end - hint_start
    if len(by_span) == 1:
        (span,) = by_span
        size = span
    else:
        size = model.new_int_var_from_domain(cp_model.Domain.from_values(list(by_span)),
                                             f"p{op}")
        choices = []
        for span, runs in by_span.items():
            chosen = model.new_bool_var(f"b{op}_{span}")
            model.add_linear_expression_in_domain(
                start, cp_model.Domain.from_intervals(runs)
            ).only_enforce_if(chosen)
            model.add(size == span).only_enforce_if(chosen)
            model.add_hint(chosen, span == hint_span)
            choices.append(chosen)
        model.add_exactly_one(choices)
        model.add_hint(size, hint_span)
    end = model.new_int_var(lo + d, hi + max(by_span), f"e{op}")
    model.add_hint(start, hint_start)
    model.add_hint(end, hint_end)
    return start, end, model.new_interval_var(start, size, end, f"i{op}")


def _objective(flat: FlatProblem, out: CpModelVars, hint_ends: list[int], kind: ObjectiveKind,
               horizon: int, lower_bound: int) -> None:
    model = out.model
    last_ops = [ops[-1] for ops in flat.job_ops]
    if kind == "makespan":
        makespan = model.new_int_var(lower_bound, max(lower_bound, horizon), "makespan")
        for op in last_ops:
            model.add(makespan >= out.ends[op])
        model.add_hint(makespan, max(hint_ends))
        model.minimize(makespan)
        out.objective_terms["makespan"] = makespan
        return
    terms = []
    for j, op in enumerate(last_ops):
        due = flat.job_due[j]
        late = model.new_int_var(0, max(0, horizon - due) + 1, f"late{j}")
        model.add(late >= out.ends[op] - due)
        model.add_hint(late, max(0, hint_ends[op] - due))
        terms.append(flat.job_weight[j] * late + flat.lead_time_weight * out.ends[op])
    model.minimize(sum(terms) - flat.lead_time_weight * sum(flat.job_release))


def _heads(flat: FlatProblem) -> list[int]:
    """Earliest start of each operation ignoring capacity (a valid bound under any calendar,
    since elapsed time is at least working time)."""
    head = [0] * flat.n_ops
    for ops in flat.job_ops:
        ready = 0
        for op in ops:
            fixed = flat.op_fixed[op]
            head[op] = fixed if fixed is not None else max(ready, flat.op_earliest[op])
            ready = head[op] + flat.op_duration[op]
    return head


def _tails(flat: FlatProblem) -> list[int]:
    """Working minutes from each operation's start to the end of its routing."""
    tail = [0] * flat.n_ops
    for ops in flat.job_ops:
        total = 0
        for op in reversed(ops):
            total += flat.op_duration[op]
            tail[op] = total
    return tail


def makespan_lower_bound(flat: FlatProblem) -> int:
    """Longest routing and busiest work centre: the classic job-shop lower bound (exact for
    always-open calendars, still valid with calendars)."""
    head = _heads(flat)
    by_routing = max((head[ops[-1]] + flat.op_duration[ops[-1]] for ops in flat.job_ops),
                     default=0)
    load: dict[int, int] = defaultdict(int)
    first: dict[int, int] = {}
    for op in range(flat.n_ops):
        m = flat.op_centre[op]
        load[m] += flat.op_duration[op]
        first[m] = min(first.get(m, head[op]), head[op])
    by_centre = max((first[m] + load[m] for m in load), default=0)
    return max(by_routing, by_centre)
