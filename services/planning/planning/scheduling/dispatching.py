"""Dispatching rules: which of the operations competing for a work centre goes first.

Each rule gives a key to minimise for operation ``op`` that could start at minute ``t``.
"""

from __future__ import annotations

import math
from collections.abc import Callable

from .flat import FlatProblem

Rule = Callable[[int, int], float]

MAKESPAN_RULES = ("mwkr", "mopnr", "lpt_remaining", "spt")
TARDINESS_RULES = ("atc", "edd", "min_slack", "mwkr")


def remaining_work(flat: FlatProblem) -> tuple[list[int], list[int]]:
    """Per operation: working minutes and operation count from it to the end of its routing."""
    work = [0] * flat.n_ops
    count = [0] * flat.n_ops
    for ops in flat.job_ops:
        total = 0
        for n, op in enumerate(reversed(ops), start=1):
            total += flat.op_duration[op]
            work[op] = total
            count[op] = n
    return work, count


def make_rule(name: str, flat: FlatProblem) -> Rule:
    work, count = remaining_work(flat)
    duration, job = flat.op_duration, flat.op_job
    due, weight = flat.job_due, flat.job_weight
    if name == "mwkr":  # most work remaining: keeps long routings moving (good for makespan)
        return lambda op, t: -work[op]
    if name == "mopnr":  # most operations remaining
        return lambda op, t: (-count[op], -work[op])
    if name == "lpt_remaining":
        return lambda op, t: (-work[op] + duration[op], -duration[op])
    if name == "spt":
        return lambda op, t: duration[op]
    if name == "edd":  # earliest due date, heavier orders first on ties
        return lambda op, t: (due[job[op]], -weight[job[op]])
    if name == "min_slack":
        return lambda op, t: (due[job[op]] - t - work[op]) / max(1, weight[job[op]])
    if name == "atc":
        # Apparent Tardiness Cost (Vepsalainen & Morton): weighted shortest processing time,
        # discounted exponentially by the order's slack relative to an average operation.
        mean_p = sum(duration) / max(1, len(duration))
        scale = 2.0 * mean_p

        def atc(op: int, t: int) -> float:
            slack = max(0, due[job[op]] - work[op] - t)
            return -(weight[job[op]] / duration[op]) * math.exp(-slack / scale)

        return atc
    raise ValueError(f"unknown dispatching rule {name}")
