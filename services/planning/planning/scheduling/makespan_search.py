"""Makespan improvement for classic job shops: tabu search and CP-SAT in turn.

The two are complementary. Tabu search (``tabu``) makes thousands of cheap local moves per
second and gets within a few percent of the optimum quickly, but stalls in deep local optima;
CP-SAT's large-neighbourhood search re-optimises whole groups of machines or jobs at once,
which is what gets out of them, but it starts slowly from a poor heuristic schedule. So the tabu
search builds the warm start, CP-SAT works around it, and a last tabu phase polishes CP-SAT's
best (its LNS optimum is often not N5-optimal). Measured on ta01-ta10 at 10 s on a shared
2-core host (runs differ by up to 0.6 points): CP-SAT alone 3.1% mean gap, 30% tabu then
CP-SAT 1.6%, 60% tabu then CP-SAT 1.0-1.3%, the phases below 0.9-1.5%; splitting them further
made no measurable difference.

Only for makespan on problems without calendars or frozen operations (``JobShop.from_flat``);
other problems go to CP-SAT or, when large, to ``window_lns`` (see ``engine.solve``).
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
    # Shares of the time for each phase in turn, each starting from the best so far; the last
    # phase runs to the deadline.
    phases: tuple[tuple[str, float], ...] = (("tabu", 0.5), ("cp-sat", 0.3), ("tabu", 0.2))
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
    phase_end = began
    for k, (kind, share) in enumerate(cfg.phases):
        phase_end = deadline if k == len(cfg.phases) - 1 else phase_end + share * time_limit
        seconds = phase_end - time.perf_counter()
        if best.objective <= bound or seconds <= 0.05:
            continue
        if kind == "tabu":
            best = _tabu(flat, shop, best, phase_end, seed + k, bound)
        elif seconds >= cfg.min_cp_sat:
            improved = improve(flat, best, "makespan",
                               SearchSettings(time_limit=seconds, workers=workers))
            if improved is not None and improved.objective < best.objective:
                improved.method = f"{best.method}+cp-sat"
                best = improved
            if improved is not None and improved.optimal and improved.objective <= best.objective:
                return improved  # proven: no phase can do better
    return best


def _tabu(flat: FlatProblem, shop: JobShop, start: Schedule, deadline: float, seed: int,
          bound: int) -> Schedule:
    seqs = shop.sequences_from_starts(_flat_starts(flat, start))
    found = tabu_search(shop, seqs, deadline, seed=seed, lower_bound=bound)
    if found.makespan >= start.objective:
        return start
    return _to_schedule(flat, found.starts, found.makespan, f"{start.method}+tabu")


def _flat_starts(flat: FlatProblem, schedule: Schedule) -> list[int]:
    return [schedule.operations[op.id].start for order in flat.problem.orders
            for op in order.operations]


def _to_schedule(flat: FlatProblem, starts: list[int], makespan: int, method: str) -> Schedule:
    ends = [s + d for s, d in zip(starts, flat.op_duration, strict=True)]
    return flat.to_schedule(starts, ends, method, makespan)
