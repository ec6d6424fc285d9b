"""Findings of in-process and final inspection and the reaction the rule asks (QLT-3).

recorded ──(inspector reacts, 20 working minutes: QLT-3.react)──► reacted
reacted ──(kinds 2, 4: the quality leader coordinates, 30 working minutes from the report:
           QLT-3.coordinate; a breach goes to the general manager)──► resolved

Kinds 1 and 3 are done once the inspector has reacted (the operator reworks and their
leader is told; the buyer handles it). For kinds 2 and 4 the reaction is the report to
the quality leader, whose own limit then runs.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal

from contracts.events.quality import FindingKind, FindingStatus
from quality.domain.errors import FindingRejected, FindingStepOutOfOrder, LeaderDecides

RECORDED, REACTED, RESOLVED = (s.value for s in FindingStatus)
KINDS = tuple(k.value for k in FindingKind)
# rule QLT-3 (2) and (4): these go to the quality leader, who coordinates within 30 minutes
LEADER_KINDS = (FindingKind.CROSS_COMPANY.value, FindingKind.DESIGN_OR_UNDECIDED.value)
WHO_REACTS = {
    FindingKind.INTERNAL_REWORK.value: "operator (their leader is told)",
    FindingKind.CROSS_COMPANY.value: "quality leader",
    FindingKind.PURCHASED_MATERIAL.value: "buyer",
    FindingKind.DESIGN_OR_UNDECIDED.value: "quality leader (then the general manager)",
}
# A finding is recorded when it is found or soon after; one recorded later than this is a
# record of history, not a reaction anyone could still meet.
LATEST_RECORDING = timedelta(days=31)
LEADER_ROLES = ("department_leader", "general_manager", "group_general_manager")


@dataclass
class Finding:
    finding_no: str
    company_id: str
    order_no: str
    kind: str
    description: str
    found_at: datetime
    found_by: str
    ncr_no: str
    product_code: str | None = None
    quantity: Decimal | None = None
    status: str = RECORDED
    reacted_at: datetime | None = None
    reacted_by: str | None = None
    action: str | None = None
    resolved_at: datetime | None = None
    resolved_by: str | None = None
    resolution: str | None = None

    @property
    def goes_to_leader(self) -> bool:
        return self.kind in LEADER_KINDS

    def react(self, *, action: str, by: str, at: datetime, now: datetime) -> None:
        """QLT-3: the inspector's reaction, once; never before the finding or in the future."""
        if self.status != RECORDED:
            raise FindingStepOutOfOrder(f"finding {self.finding_no} was already reacted to",
                                        {"finding_no": self.finding_no, "status": self.status})
        _not_in_future(at, now)
        if at < self.found_at:
            raise FindingRejected("the reaction cannot come before the finding",
                                  {"found_at": self.found_at.isoformat()})
        self.status = REACTED if self.goes_to_leader else RESOLVED
        self.reacted_at, self.reacted_by, self.action = at, by, action

    def resolve(self, *, resolution: str, by: str, roles: list[str], at: datetime) -> None:
        """QLT-3 (2), (4): the quality leader's coordination, after the report."""
        if not self.goes_to_leader:
            raise FindingStepOutOfOrder(
                f"a {self.kind} finding is handled by the {WHO_REACTS[self.kind]}; "
                "it has no leader's coordination", {"finding_no": self.finding_no})
        if self.status != REACTED:
            raise FindingStepOutOfOrder(
                f"finding {self.finding_no} is {self.status}: the leader coordinates once, "
                "after the inspector's report", {"finding_no": self.finding_no,
                                                 "status": self.status})
        if not set(roles) & set(LEADER_ROLES):
            raise LeaderDecides("only the quality leader or a general manager coordinates "
                                "this finding (QLT-3)", {"finding_no": self.finding_no})
        self.status, self.resolved_at, self.resolved_by = RESOLVED, at, by
        self.resolution = resolution


def record(*, finding_no: str, ncr_no: str, company_id: str, order_no: str, kind: str,
           description: str, found_by: str, found_at: datetime | None, now: datetime,
           product_code: str | None = None, quantity: Decimal | None = None) -> Finding:
    """QLT-3: a finding, found now or a little earlier (never in the future)."""
    found_at = found_at or now
    _not_in_future(found_at, now)
    if now - found_at > LATEST_RECORDING:
        raise FindingRejected(f"a finding is recorded within {LATEST_RECORDING.days} days "
                              "of being found")
    return Finding(finding_no=finding_no, company_id=company_id, order_no=order_no,
                   kind=str(kind), description=description, found_at=found_at,
                   found_by=found_by, ncr_no=ncr_no, product_code=product_code,
                   quantity=quantity)


def deadline_subject(finding_no: str, leader: bool = False) -> str:
    """The subject QLT-3's deadlines are tracked under (X-1): the inspector's reaction, or
    the leader's coordination (both are QLT-3, so each needs a subject of its own)."""
    return f"finding {finding_no}" + (" coordination" if leader else "")


def _not_in_future(at: datetime, now: datetime) -> None:
    if at.tzinfo is None:
        raise ValueError("finding times must be timezone-aware")
    if at > now + timedelta(minutes=1):  # a minute of clock difference between desks
        raise FindingRejected("a finding or reaction cannot be in the future",
                              {"at": at.isoformat()})
