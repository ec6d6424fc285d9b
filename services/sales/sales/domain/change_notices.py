"""A customer change notice (更改通知单, SAL-8; PLN-15 technical changes), pure.

    received ──classify 1──► issued
    received ──classify 2──► awaiting_rereview ──re-review──► awaiting_customer
                                          ──customer agrees the date──► issued
    received ──classify 3──► awaiting_design_review ──design feasible──► awaiting_contract
                                          ──supplementary contract signed──► issued
                             awaiting_design_review ──design infeasible──► rejected
    issued ──every department applied──► applied      (the order takes the new revision)
    issued ──a department refused──► rolled_back      (the others compensate; the order
                                                       keeps its previous revision)

The order's lines change only when every department applied its part, so a rolled-back
change leaves the order on its previous revision; each revision is kept (OrderRevision).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

from sales.domain.errors import ChangeRejected, ChangeStepRefused, NotAllowedToDecide

# The departments that apply a change downstream (SAL-8): each answers applied or refused.
DOWNSTREAM = ("planning", "procurement", "quality")
# Orders a change may still be made to: from review to shipment (SAL-8).
NOT_CHANGEABLE = ("declined", "shipped", "delivered")
DESIGN_ROLES = ("design", "group_general_manager")

RECEIVED = "received"
AWAITING_REREVIEW = "awaiting_rereview"
AWAITING_CUSTOMER = "awaiting_customer"
AWAITING_DESIGN_REVIEW = "awaiting_design_review"
AWAITING_CONTRACT = "awaiting_contract"
ISSUED = "issued"
APPLIED = "applied"
ROLLED_BACK = "rolled_back"
REJECTED = "rejected"
OPEN = (RECEIVED, AWAITING_REREVIEW, AWAITING_CUSTOMER, AWAITING_DESIGN_REVIEW,
        AWAITING_CONTRACT, ISSUED)


@dataclass
class ChangeNotice:
    change_no: str
    order_no: str
    company_id: str
    received_at: datetime
    received_from: str
    recorded_by: str
    revision: int
    lines_before: list[dict]
    lines_after: list[dict]
    description: str = ""
    technical_requirement: str = ""
    quality_requirement: str = ""
    delivery_place: str = ""
    technical_change: bool = False
    status: str = RECEIVED
    severity: int | None = None
    reason: str = ""
    classified_at: datetime | None = None
    classified_by: str | None = None
    earliest_date: date | None = None
    binding_constraint: str = ""
    agreed_date: date | None = None
    design_feasible: bool | None = None
    design_notes: str = ""
    contract_no: str | None = None
    price_increase: Decimal | None = None
    issued_at: datetime | None = None
    outcomes: dict = field(default_factory=dict)
    refused_by: str | None = None
    refusal_reason: str = ""
    settled_at: datetime | None = None

    def _require(self, allowed: tuple[str, ...], doing: str) -> None:
        if self.status not in allowed:
            raise ChangeStepRefused(f"change {self.change_no} is {self.status}: cannot "
                                    f"{doing} (only when {' or '.join(allowed)})",
                                    {"change_no": self.change_no, "status": self.status})

    def classify(self, severity: int, reason: str, by: str, at: datetime) -> None:
        """The answer to the customer's change (SAL-8): severity with its reason."""
        self._require((RECEIVED,), "classify it")
        self.severity, self.reason, self.classified_by, self.classified_at = \
            severity, reason, by, at
        self.status = {1: ISSUED, 2: AWAITING_REREVIEW, 3: AWAITING_DESIGN_REVIEW}[severity]
        if self.status == ISSUED:
            self.issued_at = at

    def rereviewed(self, feasible: bool, earliest: date, binding: str) -> None:
        """Severity 2: planning's answer on the changed lines (PLN-2)."""
        self._require((AWAITING_REREVIEW, AWAITING_CUSTOMER), "re-review it")
        self.earliest_date = earliest if not feasible else max(
            earliest, *(date.fromisoformat(line["requested_date"]) for line in self.lines_after))
        self.binding_constraint = binding
        self.status = AWAITING_CUSTOMER

    def customer_agreed(self, confirmed: date, at: datetime) -> None:
        """Severity 2: the customer agreed a date planning can make; the change is issued."""
        self._require((AWAITING_CUSTOMER,), "record the customer's agreement")
        if confirmed < self.earliest_date:
            raise ChangeRejected(f"{confirmed} is before the re-reviewed earliest date "
                                 f"{self.earliest_date} (PLN-2)", {"change_no": self.change_no})
        self.agreed_date = confirmed
        for line in self.lines_after:
            line["confirmed_date"] = confirmed.isoformat()
        self.status, self.issued_at = ISSUED, at

    def design_reviewed(self, feasible: bool, notes: str, roles: list[str]) -> None:
        """Severity 3: design re-reviews the change as a non-regular order (SAL-3)."""
        if not set(DESIGN_ROLES) & set(roles):
            raise NotAllowedToDecide("a structural change is re-reviewed by design (SAL-8.3)")
        self._require((AWAITING_DESIGN_REVIEW,), "record design's review")
        self.design_feasible, self.design_notes = feasible, notes
        self.status = AWAITING_CONTRACT if feasible else REJECTED

    def contract_signed(self, contract_no: str, price_increase: Decimal, at: datetime) -> None:
        """Severity 3: the supplementary contract with the price change (SAL-5) is signed."""
        self._require((AWAITING_CONTRACT,), "sign a supplementary contract")
        self.contract_no, self.price_increase = contract_no, price_increase
        self.status, self.issued_at = ISSUED, at

    def answered(self, department: str, applied: bool, reason: str, at: datetime) -> str | None:
        """A department's outcome; returns APPLIED or ROLLED_BACK when it settles the
        change, None otherwise (still waiting, or already settled)."""
        self.outcomes.setdefault(department, {"applied": applied, "reason": reason,
                                              "answered_at": at.isoformat()})
        if self.status != ISSUED:
            return None
        if not applied:
            self.status, self.refused_by, self.refusal_reason = ROLLED_BACK, department, reason
            self.settled_at = at
            return ROLLED_BACK
        if all(self.outcomes.get(d, {}).get("applied") for d in DOWNSTREAM):
            self.status, self.settled_at = APPLIED, at
            return APPLIED
        return None


def new_notice(*, change_no: str, order_no: str, company_id: str, order_status: str,
               order_lines: list[dict], revision: int, line_changes: list[dict],
               received_at: datetime, received_from: str, recorded_by: str,
               open_changes: int, **details) -> ChangeNotice:
    """Record a change notice against an order from review to shipment (SAL-8)."""
    if order_status in NOT_CHANGEABLE:
        raise ChangeStepRefused(f"order {order_no} is {order_status}: it can no longer be "
                                f"changed (SAL-8)", {"order_no": order_no})
    if open_changes:
        raise ChangeStepRefused(f"order {order_no} has a change still open: settle it first",
                                {"order_no": order_no})
    after = {line["line_no"]: dict(line) for line in order_lines}
    for change in line_changes:
        line = after.get(change["line_no"])
        if line is None:
            raise ChangeRejected(f"order {order_no} has no line {change['line_no']}")
        for key in ("quantity", "spec", "requested_date"):
            if change.get(key) is not None:
                line[key] = change[key]
    lines_after = list(after.values())
    touches_lines = lines_after != order_lines
    if not touches_lines and not any(details.get(key) for key in (
            "technical_requirement", "quality_requirement", "delivery_place")):
        raise ChangeRejected("the change notice changes nothing")
    return ChangeNotice(change_no=change_no, order_no=order_no, company_id=company_id,
                        received_at=received_at, received_from=received_from,
                        recorded_by=recorded_by, revision=revision,
                        lines_before=order_lines, lines_after=lines_after, **details)
