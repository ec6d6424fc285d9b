"""The fast answer: several dispatching rules, then randomized restarts, keep the best.

Deterministic for a given seed, so "with and without the rush order" comparisons (PLN-9) only
show the rush order's effect, not noise.
"""

from __future__ import annotations

import random
import time

from .dispatching import MAKESPAN_RULES, TARDINESS_RULES, make_rule
from .flat import FlatProblem
from .giffler_thompson import generate
from .model import Schedule
from .objective import ObjectiveKind


def heuristic_schedule(
    flat: FlatProblem,
    kind: ObjectiveKind = "weighted_tardiness",
    time_budget: float = 0.5,
    seed: int = 0,
) -> Schedule:
    """Best schedule from each rule in turn, then semi-greedy restarts of the best rule, until
    ``time_budget`` seconds have passed (at least the first rule always runs)."""
    began = time.perf_counter()
    rules = MAKESPAN_RULES if kind == "makespan" else TARDINESS_RULES
    best: tuple[int, list[int], list[int], str] | None = None
    for name in rules:
        if best is not None and time.perf_counter() - began > time_budget:
            break  # large plants: the first rules already used the budget
        starts, ends = generate(flat, make_rule(name, flat))
        value = flat.objective_of(ends, kind)
        if best is None or value < best[0]:
            best = (value, starts, ends, name)
    assert best is not None
    rng = random.Random(seed)
    best_rule = make_rule(best[3], flat)
    runs = 0
    while time.perf_counter() - began < time_budget:
        runs += 1
        noise = (0.05, 0.1, 0.2, 0.3)[runs % 4]
        starts, ends = generate(flat, best_rule, rng, noise)
        value = flat.objective_of(ends, kind)
        if value < best[0]:
            best = (value, starts, ends, f"{best[3].split('+')[0]}+restart")
    value, starts, ends, name = best
    return flat.to_schedule(
        starts, ends, f"heuristic:{name}", value, seconds=time.perf_counter() - began
    )
