"""Sales' customer change notices (更改通知单, SAL-8; PLN-15 technical changes): what
changes, its severity and reason, the re-review, and each department's outcome. Its
methods join sales' table."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum

from pydantic import BaseModel, Field, StrictBool

from contracts.errors import Conflict, Forbidden, InvalidRequest, NotFound
from contracts.rpc.api import command, query
from contracts.rpc.bounds import NO_NUL, SOME_NO_NUL, BoundedDate, BoundedMoment, Money, Quantity
from contracts.rpc.common import BusinessNo, PageLimit, StrictPayload

Text = Field(default="", max_length=1000, pattern=NO_NUL)


class ChangeStatus(StrEnum):
    """Where a change notice stands (sales.domain.change_notices' state machine)."""

    RECEIVED = "received"                          # answer within 30 minutes (SAL-8)
    AWAITING_REREVIEW = "awaiting_rereview"        # severity 2: the date against the plan
    AWAITING_CUSTOMER = "awaiting_customer"        # severity 2: the customer agrees a date
    AWAITING_DESIGN_REVIEW = "awaiting_design_review"  # severity 3 (SAL-3)
    AWAITING_CONTRACT = "awaiting_contract"        # severity 3: supplementary contract (SAL-5)
    ISSUED = "issued"                              # applying downstream (the saga)
    APPLIED = "applied"                            # every department applied its part
    ROLLED_BACK = "rolled_back"                    # one refused: the others compensated
    REJECTED = "rejected"                          # design found it infeasible


class LineChangeCreate(StrictPayload):
    """What changes on one order line; fields left out keep their value."""

    line_no: int = Field(ge=1, le=100)
    quantity: Quantity | None = None
    spec: str | None = Field(default=None, max_length=200, pattern=NO_NUL)
    requested_date: BoundedDate | None = None


class ChangeNoticeCreate(StrictPayload):
    """A customer's change, as received: from whom, when, and what changes (SAL-8)."""

    received_at: BoundedMoment = Field(description="when the customer's change arrived: the "
                                                   "30-minute answer limit runs from it")
    received_from: str = Field(min_length=1, max_length=100, pattern=SOME_NO_NUL)
    description: str = Text
    lines: list[LineChangeCreate] = Field(default_factory=list, max_length=50)
    technical_requirement: str = Text
    quality_requirement: str = Text
    delivery_place: str = Field(default="", max_length=300, pattern=NO_NUL)
    technical_change: StrictBool = Field(default=False, description="raised by design as a "
                                   "technical change notice (PLN-15)")


class ChangeClassification(StrictPayload):
    """The answer (SAL-8): 1 minor, plan unaffected; 2 affects the delivery plan; 3
    structural or main-component."""

    severity: int = Field(ge=1, le=3)
    reason: str = Field(min_length=1, max_length=1000, pattern=SOME_NO_NUL)


class ChangeDateAgreement(StrictPayload):
    """Severity 2: the customer agreed the re-reviewed date."""

    confirmed_date: BoundedDate
    note: str = Text


class ChangeDesignReview(StrictPayload):
    """Severity 3: design re-reviews the change as a non-regular order (SAL-3)."""

    feasible: StrictBool
    notes: str = Text


class SupplementaryContract(StrictPayload):
    """Severity 3: the supplementary contract with the price change, signed (SAL-5)."""

    price_increase: Money
    note: str = Text


class ChangeLinePublic(BaseModel):
    line_no: int
    product_code: str
    quantity: Decimal
    spec: str
    requested_date: date
    confirmed_date: date | None = None


class DepartmentOutcome(BaseModel):
    department: str
    applied: bool
    reason: str = ""
    answered_at: datetime


class ChangeNoticePublic(BaseModel):
    change_no: str
    order_no: str
    status: ChangeStatus
    technical_change: bool = False
    severity: int | None = None
    reason: str = ""
    received_at: datetime
    received_from: str
    description: str = ""
    revision: int = Field(description="the order-line revision the change makes")
    lines_before: list[ChangeLinePublic]
    lines_after: list[ChangeLinePublic]
    earliest_date: date | None = Field(default=None, description="severity 2: re-reviewed")
    binding_constraint: str = ""
    agreed_date: date | None = None
    design_feasible: bool | None = None
    supplementary_contract_no: str | None = None
    price_increase: Decimal | None = None
    outcomes: list[DepartmentOutcome] = Field(default_factory=list)
    refused_by: str | None = Field(default=None, description="the department that refused")
    refusal_reason: str = ""


class OrderRevisionPublic(BaseModel):
    """One revision of an order's lines; earlier ones are kept (SAL-8)."""

    order_no: str
    revision: int
    current: bool
    change_no: str | None = None
    recorded_at: datetime
    lines: list[ChangeLinePublic]


CHANGE_STEP = (NotFound, Conflict, InvalidRequest)
METHODS = [
    command("record_change", order_no=BusinessNo, change=ChangeNoticeCreate,
            reply=ChangeNoticePublic, refuses=CHANGE_STEP,
            doc="SAL-8/PLN-15: a customer's (or design's technical) change notice; opens "
                "the 30-minute answer limit from its receipt. Conflict for an order declined, "
                "shipped or delivered, or with a change still open"),
    command("classify_change", change_no=BusinessNo, classification=ChangeClassification,
            reply=ChangeNoticePublic, refuses=CHANGE_STEP,
            doc="SAL-8: severity and reason, the answer (meets the 30-minute limit); "
                "severity 1 is issued downstream at once"),
    command("rereview_change", change_no=BusinessNo, reply=ChangeNoticePublic,
            refuses=CHANGE_STEP,
            doc="SAL-8.2/PLN-2: the changed lines against the live plan"),
    command("agree_change_date", change_no=BusinessNo, agreement=ChangeDateAgreement,
            reply=ChangeNoticePublic, refuses=CHANGE_STEP,
            doc="SAL-8.2: the customer's agreement to the new date; issues the change"),
    command("review_change_design", change_no=BusinessNo, review=ChangeDesignReview,
            reply=ChangeNoticePublic, refuses=(*CHANGE_STEP, Forbidden),
            doc="SAL-8.3/SAL-3: design re-reviews a structural change (design only)"),
    command("sign_supplementary_contract", change_no=BusinessNo,
            contract=SupplementaryContract, reply=ChangeNoticePublic, refuses=CHANGE_STEP,
            doc="SAL-8.3/SAL-5: the supplementary contract with the price increase; issues "
                "the change"),
    query("get_change", change_no=BusinessNo, reply=ChangeNoticePublic, refuses=(NotFound,)),
    query("list_changes", order_no=BusinessNo, limit=(PageLimit, 100),
          reply=list[ChangeNoticePublic], refuses=(NotFound,),
          doc="an order's change notices, oldest first"),
    query("list_order_revisions", order_no=BusinessNo, limit=(PageLimit, 100),
          reply=list[OrderRevisionPublic], refuses=(NotFound,),
          doc="every revision of the order's lines, the current one last (SAL-8)"),
]
