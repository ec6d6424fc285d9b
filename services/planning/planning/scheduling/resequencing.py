"""Re-sequencing under overload (PLN-7): a proposed sequence and the orders it makes late.

The engine optimises weighted tardiness (so A-grade and urgent orders are protected first).
The proposal lists the orders that still finish late, which were already late in the current
plan and which become late, and the work centres whose load exceeds their working time: the
production manager and the contract & order manager decide from that.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from .engine import solve
from .explanations import CentreLoad, LateOrder, hours
from .model import Problem, Schedule
from .objective import DEFAULT_WEIGHTS, ObjectiveWeights
from .work_calendar import format_minutes


@dataclass
class ResequenceProposal:
    sequence: list[str]  # order ids by planned completion
    late_orders: list[LateOrder]  # most late first
    overloaded: list[CentreLoad]
    schedule: Schedule

    @property
    def becoming_late(self) -> list[LateOrder]:
        return [o for o in self.late_orders if not o.was_late_before]


def centre_loads(problem: Problem, until: int) -> list[CentreLoad]:
    """Each work centre's open work against its working minutes before ``until``."""
    load: dict[str, int] = defaultdict(int)
    for order in problem.orders:
        for op in order.operations:
            load[op.work_centre] += op.duration
    return [CentreLoad(wc.id, load[wc.id], wc.calendar.working_minutes(0, until))
            for wc in problem.work_centres]


def propose_resequence(
    problem: Problem,
    current: Schedule | None = None,
    weights: ObjectiveWeights = DEFAULT_WEIGHTS,
    time_limit: float = 5.0,
) -> ResequenceProposal:
    schedule = solve(problem, weights=weights, time_limit=time_limit,
                     use_cp_sat=time_limit > 0, heuristic_time=min(1.0, time_limit / 5))
    done = schedule.completions()
    before = current.completions() if current is not None else {}
    late = []
    for order in problem.orders:
        if done[order.id] <= order.due:
            continue
        was_late = before.get(order.id, order.due) > order.due
        late.append(LateOrder(
            order.id, order.grade, order.priority, order.due, done[order.id], was_late,
            f"order '{order.id}' (grade {order.grade}) would finish "
            f"{format_minutes(problem.origin, done[order.id])}, "
            f"{hours(done[order.id] - order.due)} after its due date"
            + ("" if was_late else "; it is on time in the current plan"),
        ))
    late.sort(key=lambda o: (-o.lateness, o.order_id))
    horizon = max((o.due for o in problem.orders), default=0)
    overloaded = [c for c in centre_loads(problem, horizon) if c.utilisation > 1.0]
    sequence = sorted(done, key=lambda order_id: (done[order_id], order_id))
    return ResequenceProposal(sequence, late, overloaded, schedule)
