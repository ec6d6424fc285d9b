"""A flat, index-based view of a Problem shared by the heuristic and the CP-SAT model.

Solvers loop over thousands of operations; integer indexes and plain lists keep that fast.
"""

from __future__ import annotations

from dataclasses import dataclass

from .model import Problem, Schedule, ScheduledOperation
from .objective import DEFAULT_WEIGHTS, ObjectiveKind, ObjectiveWeights
from .work_calendar import WorkCalendar


@dataclass
class FlatProblem:
    problem: Problem
    op_job: list[int]  # operation index -> order index
    op_centre: list[int]  # operation index -> work-centre index
    op_duration: list[int]
    op_earliest: list[int]  # release and material readiness
    op_fixed: list[int | None]
    job_ops: list[list[int]]  # order index -> its operation indexes in routing order
    calendars: list[WorkCalendar]
    job_due: list[int]
    job_release: list[int]
    job_weight: list[int]  # cost of one minute late (objective units)
    lead_time_weight: int

    @property
    def n_ops(self) -> int:
        return len(self.op_job)

    def to_schedule(self, starts: list[int], ends: list[int], method: str, objective: int,
                    **extra) -> Schedule:
        ops = {}
        for j, order in enumerate(self.problem.orders):
            for k, op in zip(self.job_ops[j], order.operations, strict=True):
                centre = self.problem.work_centres[self.op_centre[k]].id
                ops[op.id] = ScheduledOperation(op.id, order.id, centre, starts[k], ends[k])
        return Schedule(ops, method, objective, **extra)

    def objective_of(self, ends: list[int], kind: ObjectiveKind) -> int:
        if kind == "makespan":
            return max(ends, default=0)
        total = 0
        for j, ops in enumerate(self.job_ops):
            done = ends[ops[-1]]
            total += self.job_weight[j] * max(0, done - self.job_due[j])
            total += self.lead_time_weight * (done - self.job_release[j])
        return total


def flatten(problem: Problem, weights: ObjectiveWeights = DEFAULT_WEIGHTS) -> FlatProblem:
    centre_index = {wc.id: i for i, wc in enumerate(problem.work_centres)}
    flat = FlatProblem(problem, [], [], [], [], [], [], [wc.calendar for wc in
                       problem.work_centres], [], [], [], weights.lead_time_weight)
    for j, order in enumerate(problem.orders):
        indexes = []
        for op in order.operations:
            indexes.append(len(flat.op_job))
            flat.op_job.append(j)
            flat.op_centre.append(centre_index[op.work_centre])
            flat.op_duration.append(op.duration)
            flat.op_earliest.append(max(order.release, op.material_ready))
            flat.op_fixed.append(op.fixed_start)
        flat.job_ops.append(indexes)
        flat.job_due.append(order.due)
        flat.job_release.append(order.release)
        flat.job_weight.append(weights.tardiness_cost(order))
    return flat
