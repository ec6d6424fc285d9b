"""Findings and their reaction limits (QLT-3): use cases `f(actor, payload..., uow)`.

Recording a finding opens its nonconformance record (QLT-4, disposition undecided) and
the 20-minute reaction (QLT-3.react) from the moment it was found. The reaction meets it;
for kinds 2 and 4 it is the report to the quality leader, whose own 30 minutes
(QLT-3.coordinate) start then, held by the leader: a breach goes to the general manager
(X-2). The leader's resolution meets it.
"""

from __future__ import annotations

from datetime import datetime

from contracts.events.quality import FindingStatus
from contracts.rpc.common import Actor
from contracts.rpc.quality import FindingCreate, FindingPublic, FindingReaction, FindingResolution
from quality import views
from quality.domain import findings as model
from quality.domain.errors import CompanyNotFound, FindingNotFound
from quality.domain.findings import Finding
from quality.domain.nonconformance import UNDECIDED, Nonconformance
from servicekit import clock
from servicekit.timelimits import X1_TIME_LIMITS

REACT = X1_TIME_LIMITS["QLT-3.react"]            # rule QLT-3: 20 working minutes
COORDINATE = X1_TIME_LIMITS["QLT-3.coordinate"]  # rule QLT-3 (2), (4): 30 working minutes


def record_finding(actor: Actor, finding: FindingCreate, uow, *,
                   now: datetime | None = None) -> FindingPublic:
    """QLT-3: record what was found; its NCR opens undecided, the reaction is due in 20."""
    if not actor.may_see(finding.company_id):
        raise CompanyNotFound(f"company {finding.company_id} not found")
    with uow:
        number = uow.numbers.next("QF", finding.company_id)
        recorded = model.record(
            finding_no=number, ncr_no=uow.numbers.next("NCR", finding.company_id),
            company_id=finding.company_id, order_no=finding.order_no, kind=finding.kind,
            description=finding.description, found_by=actor.username,
            found_at=finding.found_at, now=clock.now(now), product_code=finding.product_code,
            quantity=finding.quantity)
        uow.findings.add(recorded)
        uow.nonconformances.add(Nonconformance(
            ncr_no=recorded.ncr_no, company_id=recorded.company_id, source="finding",
            source_no=number, order_no=recorded.order_no, cause=recorded.description,
            disposition=UNDECIDED, opened_at=recorded.found_at, opened_by=actor.username,
            product_code=recorded.product_code, quantity=recorded.quantity))
        _open(uow, REACT, recorded, recorded.found_at)
        uow.commit()
    return views.finding_public(recorded)


def react_to_finding(actor: Actor, finding_no: str, reaction: FindingReaction, uow, *,
                     now: datetime | None = None) -> FindingPublic:
    """QLT-3.react met; kinds 2 and 4 report to the quality leader, whose 30 minutes start."""
    with uow:
        finding = _visible(actor, finding_no, uow)
        recorded = clock.now(now)
        at = reaction.reacted_at or recorded  # when the inspector says they reacted
        finding.react(action=reaction.action, by=actor.username, at=at, now=recorded)
        # the limit is met when the reaction is recorded, not at a time the user
        # states (reacted_at stays on the finding as information)
        uow.deadlines.meet(REACT, model.deadline_subject(finding_no), at=recorded)
        if finding.goes_to_leader:  # the leader's 30 minutes run from the report, recorded
            _open(uow, COORDINATE, finding, recorded, held_by="department_leader")
        uow.findings.save(finding)
        uow.commit()
    return views.finding_public(finding)


def resolve_finding(actor: Actor, finding_no: str, resolution: FindingResolution, uow, *,
                    now: datetime | None = None) -> FindingPublic:
    """QLT-3.coordinate met: the quality leader (or a GM) coordinated a kind 2 or 4 finding."""
    with uow:
        finding = _visible(actor, finding_no, uow)
        at = clock.now(now)
        finding.resolve(resolution=resolution.resolution, by=actor.username,
                        roles=actor.roles, at=at)
        uow.deadlines.meet(COORDINATE, model.deadline_subject(finding_no, leader=True), at=at)
        uow.findings.save(finding)
        uow.commit()
    return views.finding_public(finding)


def list_findings(actor: Actor, order_no: str | None, status: FindingStatus | None,
                  limit: int, uow) -> list[FindingPublic]:
    with uow:
        return [views.finding_public(f)
                for f in uow.findings.list(actor.companies, status, order_no, limit=limit)]


def _visible(actor: Actor, finding_no: str, uow) -> Finding:
    finding = uow.findings.get(finding_no)
    if finding is None or not actor.may_see(finding.company_id):
        raise FindingNotFound(f"finding {finding_no} not found", {"finding_no": finding_no})
    return finding


def _open(uow, limit, finding: Finding, at: datetime, held_by: str = "operator") -> None:
    leader = held_by != "operator"
    uow.deadlines.open(  # rule X-1
        limit, subject=model.deadline_subject(finding.finding_no, leader),
        company_id=finding.company_id,
        order_no=finding.order_no, opened_at=at, held_by=held_by,
        detail=f"{finding.finding_no} ({finding.kind})")
