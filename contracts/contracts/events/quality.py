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
