"""Planning's view of an order before its instruction: the demand it must plan for."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from contracts.events.planning import DemandStatus
from planning.domain.errors import StepRefused

RECEIVED = DemandStatus.RECEIVED
AWAITING_DESIGN = DemandStatus.AWAITING_DESIGN  # non-regular: design review pending (SAL-3)
DESIGN_REVIEWED = DemandStatus.DESIGN_REVIEWED
DECLINED = DemandStatus.DECLINED                # SAL-4
PLANNED = DemandStatus.PLANNED                  # the instruction was decomposed (PLN-1)


@dataclass(frozen=True)
class DemandLine:
    line_no: int
    product_code: str
    quantity: Decimal
    requested_date: date


@dataclass(frozen=True)
class DesignReview:
    feasible: bool
    design_days: int
    notes: str
    reviewed_by: str
    reviewed_at: datetime


@dataclass
class Demand:
    order_no: str
    company_id: str
    customer_grade: str
    recorded_at: datetime
    lines: tuple[DemandLine, ...]
    non_regular: bool = False
    complete_set: bool = False
    rush: bool = False
    status: str = RECEIVED
    design_review: DesignReview | None = None
    declined_reason: str = ""
    declined_at: datetime | None = None

    def __post_init__(self):
        if self.non_regular and self.status == RECEIVED and self.design_review is None:
            self.status = AWAITING_DESIGN

    @property
    def earliest_requested_date(self) -> date:
        return min(line.requested_date for line in self.lines)

    @property
    def awaits_design_review(self) -> bool:
        return self.non_regular and self.design_review is None and self.status != DECLINED

    def review_design(self, review: DesignReview) -> None:
        """The design department assesses a non-regular order (SAL-3)."""
        if not self.non_regular:
            raise StepRefused(f"order {self.order_no} is regular: it needs no design review")
        if self.status in (DECLINED, PLANNED):
            raise StepRefused(f"order {self.order_no} is {self.status}",
                              {"status": str(self.status)})
        self.design_review = review
        self.status = DESIGN_REVIEWED

    def decline(self, reason: str, at: datetime) -> None:
        self.status, self.declined_reason, self.declined_at = DECLINED, reason, at
