"""Objections to a plan task's time (PLN-6): another department, of any company of the
group, disagrees with when a work order is planned to finish.

Raised within 1 working day of the plan (the window is checked by the use case with the
working calendar), with a reason and the time it proposes; planning accepts it (the task
takes the proposed time) or rejects it with a reason. Pure: no framework, no I/O.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from planning.domain.errors import PlanningRejected, StepRefused

OPEN, ACCEPTED, REJECTED = "open", "accepted", "rejected"
PREFIX = "OBJ"


@dataclass
class Objection:
    objection_no: str
    company_id: str  # the objecting company: its GM is escalated to (CO-2)
    plan_company_id: str
    order_no: str
    work_order_no: str
    reason: str
    proposed_finish: datetime
    planned_finish: datetime  # the task's time objected to
    raised_by: str
    raised_at: datetime
    status: str = OPEN
    decided_by: str | None = None
    decided_at: datetime | None = None
    decision_reason: str = ""

    def decide(self, *, accept: bool, reason: str, by: str, at: datetime) -> None:
        """PLN-6: planning's answer, once; a rejection says why."""
        if self.status != OPEN:
            raise StepRefused(f"objection {self.objection_no} is already {self.status}")
        if not accept and not reason.strip():
            raise PlanningRejected("a rejected objection needs a reason")
        self.status = ACCEPTED if accept else REJECTED
        self.decided_by, self.decided_at, self.decision_reason = by, at, reason


def deadline_subject(objection_no: str) -> str:
    return f"objection:{objection_no}"
