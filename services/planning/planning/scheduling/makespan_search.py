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

import threading
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
    tabu_share: float = 0.3  # of the time, spent on tabu search before CP-SAT starts
    final_tabu_share: float = 0.0  # of the time, tabu search again from CP-SAT's best
    # Run tabu search (one core, Python) alongside a one-worker CP-SAT after the first phase,
    # instead of giving CP-SAT both workers.
    parallel: bool = False
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
    tabu_end = began + cfg.tabu_share * time_limit
    cp_end = deadline - cfg.final_tabu_share * time_limit
    if cp_end - tabu_end < cfg.min_cp_sat:
        tabu_end = cp_end = deadline
    best = _tabu(flat, shop, best, tabu_end, seed, bound)
    remaining = cp_end - time.perf_counter()
    if best.objective > bound and remaining >= cfg.min_cp_sat:
        if cfg.parallel and workers >= 2:
            found: list[Schedule | None] = []
            hint = best
            thread = threading.Thread(target=lambda: found.append(
                _cp_sat(flat, hint, remaining, workers - 1)))
            thread.start()
            best = _tabu(flat, shop, best, cp_end, seed + 1, bound)
            thread.join()
            improved = found[0] if found else None
        else:
            improved = _cp_sat(flat, best, remaining, workers)
        if improved is not None and improved.objective < best.objective:
            best = improved
    if best.objective > bound and deadline - time.perf_counter() > 0.05:
        best = _tabu(flat, shop, best, deadline, seed + 2, bound)
    return best


def _tabu(flat: FlatProblem, shop: JobShop, start: Schedule, deadline: float, seed: int,
          bound: int) -> Schedule:
    seqs = shop.sequences_from_starts(_flat_starts(flat, start))
    found = tabu_search(shop, seqs, deadline, seed=seed, lower_bound=bound)
    if found.makespan >= start.objective:
        return start
    return _to_schedule(flat, found.starts, found.makespan, f"{start.method}+tabu")


def _cp_sat(flat: FlatProblem, hint: Schedule, seconds: float, workers: int) -> Schedule | None:
    improved = improve(flat, hint, "makespan", SearchSettings(time_limit=seconds,
                                                              workers=workers))
    if improved is not None:
        improved.method = f"{hint.method}+cp-sat"
    return improved


def _flat_starts(flat: FlatProblem, schedule: Schedule) -> list[int]:
    return [schedule.operations[op.id].start for order in flat.problem.orders
            for op in order.operations]


def _to_schedule(flat: FlatProblem, starts: list[int], makespan: int, method: str) -> Schedule:
    ends = [s + d for s, d in zip(starts, flat.op_duration, strict=True)]
    return flat.to_schedule(starts, ends, method, makespan)
