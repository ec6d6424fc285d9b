"""Rush insertion (PLN-9, ORD-4): what a rush order would do to everybody else, before approval.

The plant is scheduled with and without the rush order under the same settings; frozen and
started operations stay put in both. By default both runs use the deterministic heuristic, so
every difference comes from the rush order and not from solver randomness; with
``time_limit > 0`` both runs also get CP-SAT improvement (better plans, some noise).
"""

from __future__ import annotations

from dataclasses import dataclass

from .engine import solve
from .explanations import OrderImpact, hours
from .model import Problem, Schedule, WorkOrder
from .objective import DEFAULT_WEIGHTS, ObjectiveWeights
from .work_calendar import format_minutes


@dataclass
class RushAssessment:
    rush_order_id: str
    rush_completion: int
    rush_on_time: bool
    impacts: list[OrderImpact]  # every other order whose completion moves, latest-moved first
    without_rush: Schedule
    with_rush: Schedule

    @property
    def newly_late(self) -> list[OrderImpact]:
        return [i for i in self.impacts if i.becomes_late]

    @property
    def summary(self) -> str:
        delayed = [i for i in self.impacts if i.delay > 0]
        return (
            f"rush order '{self.rush_order_id}' delays {len(delayed)} order(s); "
            f"{len(self.newly_late)} would become late"
        )


def assess_rush(
    problem: Problem,
    rush: WorkOrder,
    weights: ObjectiveWeights = DEFAULT_WEIGHTS,
    time_limit: float = 0.0,
    heuristic_time: float = 0.0,
) -> RushAssessment:
    settings = dict(weights=weights, time_limit=time_limit, use_cp_sat=time_limit > 0,
                    heuristic_time=heuristic_time)
    before = solve(problem, **settings)
    after = solve(problem.with_order(rush), **settings)
    done_before, done_after = before.completions(), after.completions()
    impacts = []
    for order in problem.orders:
        old, new = done_before[order.id], done_after[order.id]
        if old == new:
            continue
        impacts.append(OrderImpact(order.id, order.due, old, new,
                                   _sentence(problem, order, old, new)))
    impacts.sort(key=lambda i: (-i.delay, i.order_id))
    rush_done = done_after[rush.id]
    return RushAssessment(rush.id, rush_done, rush_done <= rush.due, impacts, before, after)


def _sentence(problem: Problem, order: WorkOrder, old: int, new: int) -> str:
    direction = "later" if new > old else "earlier"
    text = (
        f"order '{order.id}' finishes {hours(abs(new - old))} {direction}, "
        f"{format_minutes(problem.origin, new)} instead of {format_minutes(problem.origin, old)}"
    )
    if new > order.due >= old:
        text += f", after its due date {format_minutes(problem.origin, order.due)}"
    return text
