"""The scheduling engine's front door: instant heuristic, then CP-SAT improvement (PLN-5)."""

from __future__ import annotations

import time

from .cpsat_search import SearchSettings, improve
from .disjunctive import JobShop
from .flat import flatten
from .heuristic import heuristic_schedule
from .makespan_search import improve_makespan
from .model import Problem, Schedule
from .objective import DEFAULT_WEIGHTS, ObjectiveKind, ObjectiveWeights
from .window_lns import improve_by_windows


def solve(
    problem: Problem,
    kind: ObjectiveKind = "weighted_tardiness",
    weights: ObjectiveWeights = DEFAULT_WEIGHTS,
    time_limit: float = 10.0,
    use_cp_sat: bool = True,
    heuristic_time: float | None = None,
    workers: int = 2,
    seed: int = 0,
) -> Schedule:
    """Best schedule found within ``time_limit`` seconds (wall clock, heuristic included).

    The heuristic always runs first, so a valid schedule exists even if CP-SAT finds nothing
    better (large plants) or is switched off (instant answers). Classic job shops under the
    makespan objective get a tabu search before CP-SAT (``makespan_search``); large plants
    get CP-SAT one time window at a time (``window_lns``)."""
    began = time.perf_counter()
    flat = flatten(problem, weights)
    budget = heuristic_time if heuristic_time is not None else min(1.0, 0.05 * time_limit)
    best = heuristic_schedule(flat, kind, budget, seed)
    remaining = time_limit - (time.perf_counter() - began)
    shop = JobShop.from_flat(flat) if kind == "makespan" else None
    if use_cp_sat and shop is not None and remaining > 0.1:
        best = improve_makespan(flat, shop, best, remaining, workers, seed)
    elif use_cp_sat and flat.n_ops > SearchSettings.large_plant_ops and remaining > 1.0:
        best = improve_by_windows(flat, best, kind, remaining, workers, seed)
    elif use_cp_sat and remaining > 0.1:
        improved = improve(flat, best, kind, SearchSettings(time_limit=remaining, workers=workers))
        if improved is not None and improved.objective <= best.objective:
            best = improved
    best.seconds = time.perf_counter() - began
    return best
