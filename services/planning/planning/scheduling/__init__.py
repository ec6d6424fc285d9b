"""Finite-capacity scheduling engine of the planning service (PLN-2, PLN-5, PLN-7, PLN-9).

Pure domain code (standard library, OR-Tools CP-SAT, chinese_calendar), no I/O. Times are
integer minutes from a horizon origin; ``work_calendar`` converts to and from dates.
"""

from .capable_to_promise import CapacityIndex, Promise, capable_to_promise
from .checker import assert_valid, violations
from .engine import solve
from .explanations import BindingConstraint, CentreLoad, LateOrder, OrderImpact
from .model import (
    MaterialNeed,
    Operation,
    Problem,
    Schedule,
    ScheduledOperation,
    WorkCentre,
    WorkOrder,
)
from .objective import DEFAULT_WEIGHTS, ObjectiveWeights, evaluate
from .resequencing import ResequenceProposal, propose_resequence
from .rush_insertion import RushAssessment, assess_rush
from .work_calendar import SHANGHAI, WorkCalendar, shift_calendar

__all__ = [
    "DEFAULT_WEIGHTS", "SHANGHAI", "BindingConstraint", "CapacityIndex", "CentreLoad",
    "LateOrder", "MaterialNeed", "ObjectiveWeights", "Operation", "OrderImpact", "Problem",
    "Promise", "ResequenceProposal", "RushAssessment", "Schedule", "ScheduledOperation",
    "WorkCalendar", "WorkCentre", "WorkOrder", "assert_valid", "assess_rush",
    "capable_to_promise", "evaluate", "propose_resequence", "shift_calendar", "solve",
    "violations",
]
