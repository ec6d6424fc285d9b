"""Events produced by quality (incoming and final inspection)."""

from __future__ import annotations

from decimal import Decimal
from enum import StrEnum

from pydantic import AwareDatetime, Field

from contracts.envelope import Payload


class SeriousDefect(StrEnum):
    """QLT-1: any one of these rejects a lot whatever its pass rate."""

    WRONG_SPEC = "wrong_spec"
    MISSING_PARTS = "missing_parts"
    BAD_APPEARANCE = "bad_appearance"
    QUANTITY_MISMATCH = "quantity_mismatch"


class LotStatus(StrEnum):
    """Where a purchased lot stands in incoming inspection (QLT-1)."""

    PENDING = "pending"
    ACCEPTED = "accepted"
    REJECTED = "rejected"


class FinalInspectionStatus(StrEnum):
    """Where an order's final inspection stands (QLT-2); a failure is reworked and a new
    inspection opened."""

    PENDING = "pending"
    PASSED = "passed"
    FAILED = "failed"


class LotInspected(Payload):
    lot_no: str
    po_no: str
    order_no: str
    material_code: str
    supplier_code: str
    quantity: Decimal
    sample_size: int = Field(ge=1)
    defects: int = Field(ge=0)
    pass_rate: Decimal
    inspected_by: str
    inspected_at: AwareDatetime


class LotAccepted(LotInspected):
    """The lot passed IQC: it may go into store (QLT-1, PRC-6)."""


class LotRejected(LotInspected):
    """The lot failed IQC (pass rate < 95% or a serious defect); procurement returns it."""

    serious_defects: list[SeriousDefect] = Field(default_factory=list)
    reasons: list[str] = Field(min_length=1)


class FinalInspectionPassed(Payload):
    """Finished products passed final inspection (QLT-2); they may be packed and stocked."""

    order_no: str
    inspection_no: str
    inspected_by: str
    inspected_at: AwareDatetime
    lines: list[dict] = Field(default_factory=list,
                              description="[{product_code, quantity}] passed")


class FinalInspectionFailed(Payload):
    """Finished products failed final inspection; planning arranges rework (QLT-3, QLT-4)."""

    order_no: str
    inspection_no: str
    inspected_by: str
    findings: str


# -- QLT-3 findings, QLT-4 nonconformance records ----------------------------------------

class FindingKind(StrEnum):
    """QLT-3: what a finding is about decides who reacts to it (the rule's four kinds)."""

    INTERNAL_REWORK = "internal_rework"        # 1: operator reworks, their leader is told
    CROSS_COMPANY = "cross_company"            # 2: quality leader coordinates in 30 min
    PURCHASED_MATERIAL = "purchased_material"  # 3: the buyer handles it (QLT-1 for lots)
    DESIGN_OR_UNDECIDED = "design_or_undecided"  # 4: quality leader in 30 min, then the GM


class FindingStatus(StrEnum):
    """recorded → reacted (QLT-3, 20 min) → resolved (kinds 2 and 4: by the leader)."""

    RECORDED = "recorded"
    REACTED = "reacted"
    RESOLVED = "resolved"


class Disposition(StrEnum):
    """What is done with a nonconformance (QLT-4); undecided until quality decides."""

    UNDECIDED = "undecided"
    REWORK = "rework"
    SCRAP = "scrap"
    RETURN = "return"
    CONCESSION = "concession"


class NonconformanceStatus(StrEnum):
    OPEN = "open"
    DISPOSED = "disposed"
    CLOSED = "closed"


class ReworkRequested(Payload):
    """An NCR is to be reworked: planning opens a rework work order (QLT-4)."""

    ncr_no: str
    order_no: str
    product_code: str | None = None
    quantity: Decimal | None = None
    reason: str
    owner: str


class ScrapRecorded(Payload):
    """What an NCR scraps, for planning's closing of the order (QLT-4, PLN-13)."""

    ncr_no: str
    order_no: str
    product_code: str | None = None
    quantity: Decimal | None = None
    reason: str


class ConcessionGranted(Payload):
    """A rejected lot is accepted on concession at a lower price (QLT-4, PRC-6)."""

    ncr_no: str
    lot_no: str
    po_no: str
    order_no: str
    price_reduction_percent: Decimal = Field(gt=0, lt=100)
    decided_by: str
    decided_at: AwareDatetime


class ComplaintLinked(Payload):
    """A customer's quality complaint opened or joined an NCR (AFS-4, QLT-4)."""

    request_no: str
    ncr_no: str
    order_no: str
    joined: bool = Field(description="true: an NCR already open for the order was joined")
