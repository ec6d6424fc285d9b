"""Final inspection of finished products (QLT-2).

Rework choice: a failed inspection is closed for good; when planning reports
production complete again after rework, a *new* pending inspection is opened
for the order. So every verdict stays on record (QLT-4) and the journey shows
each round.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from contracts.events.quality import FinalInspectionStatus
from quality.domain.errors import InspectionRejected, NotAwaitingInspection

PENDING = FinalInspectionStatus.PENDING
PASSED = FinalInspectionStatus.PASSED
FAILED = FinalInspectionStatus.FAILED
FINAL_STATUSES = tuple(FinalInspectionStatus)


@dataclass
class FinalInspection:
    inspection_no: str
    company_id: str
    order_no: str
    plan_no: str
    created_at: datetime
    lines: list[dict] = field(default_factory=list)
    status: str = PENDING
    findings: str = ""
    inspected_by: str | None = None
    inspected_at: datetime | None = None

    def record(self, *, passed: bool, findings: str, inspected_by: str, at: datetime) -> None:
        """QLT-2: the verdict on the finished products; findings are required to fail."""
        if self.status != PENDING:
            raise NotAwaitingInspection(
                f"final inspection {self.inspection_no} was already recorded: {self.status}",
                {"inspection_no": self.inspection_no, "status": str(self.status)})
        if not passed and not findings.strip():
            raise InspectionRejected("a failed final inspection needs its findings "
                                     "(they are the nonconformance's cause, QLT-4)")
        self.status = PASSED if passed else FAILED
        self.findings, self.inspected_by, self.inspected_at = findings, inspected_by, at


def awaiting(existing: list[FinalInspection], order_no: str) -> FinalInspection:
    """QLT-2: the inspection the order awaits, refused unless production completed and one
    is pending (``existing`` oldest first)."""
    pending = [i for i in existing if i.status == PENDING]
    if not pending:
        state = existing[-1].status if existing else "production not completed"
        raise NotAwaitingInspection(f"order {order_no} has no final inspection pending ({state})",
                                    {"order_no": order_no})
    return pending[-1]


def should_open_new(existing: list[FinalInspection]) -> bool:
    """Open a pending inspection on production completed? Only for a first round or after
    a failure (rework); a repeat while one is pending or after a pass is a duplicate."""
    if not existing:
        return True
    latest = max(existing, key=lambda i: i.created_at)
    return latest.status == FAILED
