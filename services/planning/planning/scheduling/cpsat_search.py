"""CP-SAT improvement under a time limit, warm-started from the heuristic.

The solution callback copies every improving solution, so whatever stops the search (time
limit, an explicit stop, an exception in the caller's thread) the best schedule found so far is
at hand.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from ortools.sat.python import cp_model

from .cpsat_model import BuildTimeout, build_model, makespan_lower_bound
from .flat import FlatProblem
from .model import Schedule
from .objective import ObjectiveKind


@dataclass
class SearchSettings:
    time_limit: float = 10.0
    workers: int = 2  # the planning host gives the solver two cores
    tardiness_horizon_slack: float = 0.25  # how far past the heuristic's makespan to look
    log: bool = False
    # Above this many operations each one may only move ``large_window`` minutes from its
    # heuristic start (see ``build_model``); below it the whole horizon is open.
    large_plant_ops: int = 1500
    large_window: int = 2 * 24 * 60
    max_build_share: float = 0.6  # give up on CP-SAT if building eats this share of the time
    # Measured on the job-shop benchmarks (10 s, two workers): spending both workers on
    # large-neighbourhood search around the incumbent beats one full tree search plus one
    # LNS worker on every hard instance (ta01-ta10 mean gap 2.1% vs 3.4%, la29 2.7% vs 7.0%).
    # The price is no optimality proof unless the makespan meets its lower bound.
    lns_only: bool = True
    # Neighbourhoods that rarely improved a schedule there; their time goes to the
    # scheduling and random LNS neighbourhoods instead.
    ignore_subsolvers: tuple[str, ...] = (
        "feasibility_pump", "rins/rens", "ls", "fj",
        "graph_arc_lns", "graph_cst_lns", "graph_dec_lns", "graph_var_lns",
    )


class KeepBest(cp_model.CpSolverSolutionCallback):
    def __init__(self, starts: list, ends: list) -> None:
        super().__init__()
        self._starts, self._ends = starts, ends
        self.best: tuple[int, list[int], list[int]] | None = None
        self.history: list[tuple[float, int]] = []  # (seconds, objective) per improvement

    def on_solution_callback(self) -> None:
        value = round(self.objective_value)
        if self.best is not None and value >= self.best[0]:
            return
        self.history.append((self.wall_time, value))
        self.best = (
            value,
            [self.value(s) for s in self._starts],
            [self.value(e) for e in self._ends],
        )


def improve(
    flat: FlatProblem, hint: Schedule, kind: ObjectiveKind, settings: SearchSettings
) -> Schedule | None:
    """Search for a better schedule than ``hint``; None if CP-SAT found nothing in time."""
    began = time.perf_counter()
    order = [(op.id) for o in flat.problem.orders for op in o.operations]
    hint_starts = [hint.operations[op_id].start for op_id in order]
    hint_ends = [hint.operations[op_id].end for op_id in order]
    lower_bound = makespan_lower_bound(flat)
    horizon = max(hint_ends, default=0)
    if kind != "makespan":
        origin = min(flat.job_release, default=0)
        horizon += int((horizon - origin) * settings.tardiness_horizon_slack)
    window = settings.large_window if flat.n_ops > settings.large_plant_ops else None
    deadline = began + settings.max_build_share * settings.time_limit
    try:
        built = build_model(flat, hint_starts, hint_ends, kind, horizon, lower_bound, window,
                            deadline)
    except BuildTimeout:
        return None
    solver = cp_model.CpSolver()
    remaining = settings.time_limit - (time.perf_counter() - began)
    # Leave time to copy the last solution back into a Schedule on large plants.
    solver.parameters.max_time_in_seconds = max(0.05, remaining - 0.05 - 4e-5 * flat.n_ops)
    solver.parameters.num_workers = settings.workers
    solver.parameters.log_search_progress = settings.log
    solver.parameters.ignore_subsolvers.extend(settings.ignore_subsolvers)
    solver.parameters.use_lns_only = settings.lns_only
    keeper = KeepBest(built.starts, built.ends)
    status = solver.solve(built.model, keeper)
    if keeper.best is None:
        return None
    value, starts, ends = keeper.best
    return flat.to_schedule(
        starts, ends, "cp-sat", value,
        optimal=status == cp_model.OPTIMAL and value == round(solver.objective_value),
        lower_bound=round(solver.best_objective_bound),
        seconds=time.perf_counter() - began,
    )
