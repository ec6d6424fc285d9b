"""What the factory optimises, as explainable configuration (PLN-5).

On-time delivery comes first: every minute an order finishes after its due date costs
``tardiness_scale x grade weight x priority weight`` points. Short lead times come second: every
minute between an order's release and its completion costs ``lead_time_weight`` points.

With the defaults, one minute late on an A-grade urgent order costs 100 x 4 x 2 = 800 points,
one minute late on a C-grade normal order 100 points, and one minute of anybody's lead time
1 point: lead time only decides between plans that are equally punctual.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Literal

from .model import Problem, Schedule, WorkOrder

ObjectiveKind = Literal["weighted_tardiness", "makespan"]


@dataclass(frozen=True)
class ObjectiveWeights:
    grade_weight: Mapping[str, int] = field(
        default_factory=lambda: MappingProxyType({"A": 4, "B": 2, "C": 1})
    )
    priority_weight: Mapping[int, int] = field(
        default_factory=lambda: MappingProxyType({0: 1, 1: 2, 2: 5})
    )
    tardiness_scale: int = 100
    lead_time_weight: int = 1

    def order_weight(self, order: WorkOrder) -> int:
        """Relative cost of one minute of lateness of this order (before scaling)."""
        return self.grade_weight[order.grade] * self.priority_weight.get(order.priority, 1)

    def tardiness_cost(self, order: WorkOrder) -> int:
        return self.tardiness_scale * self.order_weight(order)

    def order_cost(self, order: WorkOrder, completion: int) -> int:
        late = max(0, completion - order.due)
        return self.tardiness_cost(order) * late + self.lead_time_weight * (
            completion - order.release
        )


DEFAULT_WEIGHTS = ObjectiveWeights()


def evaluate(
    problem: Problem,
    schedule: Schedule,
    kind: ObjectiveKind = "weighted_tardiness",
    weights: ObjectiveWeights = DEFAULT_WEIGHTS,
) -> int:
    if kind == "makespan":
        return schedule.makespan
    done = schedule.completions()
    return sum(weights.order_cost(o, done[o.id]) for o in problem.orders)
