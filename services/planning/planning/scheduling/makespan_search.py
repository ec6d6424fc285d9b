"""Makespan improvement for classic job shops: tabu search, then CP-SAT hinted with its result.

The two are complementary. Tabu search (``tabu``) makes thousands of cheap local moves per
second and gets within a few percent of the optimum quickly, but stalls in deep local optima;
CP-SAT's large-neighbourhood search re-optimises whole groups of machines or jobs at once,
which is what gets out of them, but it starts slowly from a poor heuristic schedule. So the tabu
search builds the warm start and CP-SAT spends the rest of the budget around it.

Only for makespan on problems without calendars or frozen operations (``JobShop.from_flat``);
everything else goes straight to CP-SAT.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from .cpsat_model import makespan_lower_bound
from .cpsat_search import SearchSettings, improve
from .disjunctive import JobShop
from .flat import FlatProblem
from .model import Schedule
from .tabu import tabu_search


@dataclass
class HybridSettings:
    tabu_share: float = 0.3  # of the remaining time, spent on tabu search before CP-SAT
    min_cp_sat: float = 0.5  # seconds; below this CP-SAT would not even load the model


def improve_makespan(flat: FlatProblem, shop: JobShop, start: Schedule, time_limit: float,
                     workers: int = 2, seed: int = 0,
                     settings: HybridSettings | None = None) -> Schedule:
    """Best schedule found within ``time_limit`` seconds; never worse than ``start``."""
    cfg = settings or HybridSettings()
    began = time.perf_counter()
    deadline = began + time_limit
    bound = makespan_lower_bound(flat)
    best = start
    if best.objective <= bound:
        return best
    starts = _flat_starts(flat, best)
    tabu_deadline = began + cfg.tabu_share * time_limit
    if deadline - tabu_deadline < cfg.min_cp_sat:
        tabu_deadline = deadline
    found = tabu_search(shop, shop.sequences_from_starts(starts), tabu_deadline, seed=seed,
                        lower_bound=bound)
    if found.makespan < best.objective:
        best = _to_schedule(flat, found.starts, found.makespan, "tabu")
    remaining = deadline - time.perf_counter()
    if best.objective > bound and remaining >= cfg.min_cp_sat:
        improved = improve(flat, best, "makespan",
                           SearchSettings(time_limit=remaining, workers=workers))
        if improved is not None and improved.objective < best.objective:
            improved.method = f"{best.method}+cp-sat"
            best = improved
    return best


def _flat_starts(flat: FlatProblem, schedule: Schedule) -> list[int]:
    return [schedule.operations[op.id].start for order in flat.problem.orders
            for op in order.operations]


def _to_schedule(flat: FlatProblem, starts: list[int], makespan: int, method: str) -> Schedule:
    ends = [s + d for s, d in zip(starts, flat.op_duration, strict=True)]
    return flat.to_schedule(starts, ends, method, makespan)
