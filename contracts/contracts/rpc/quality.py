"""Quality's RPC payloads."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from contracts.events.quality import SeriousDefect


class InspectionCreate(BaseModel):
    """The result of inspecting a lot's sample (QLT-1)."""

    model_config = ConfigDict(extra="forbid")

    sample_size: int = Field(ge=1, le=100_000)
    defects: int = Field(ge=0)
    serious_defects: list[SeriousDefect] = Field(default_factory=list)
    notes: str = Field(default="", max_length=1000)

    @model_validator(mode="after")
    def _defects_within_sample(self):
        if self.defects > self.sample_size:
            raise ValueError("defects cannot exceed the sample size")
        return self


class FinalInspectionCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    passed: bool
    findings: str = Field(default="", max_length=1000)


class LotInspectionPublic(BaseModel):
    lot_no: str
    company_id: str
    po_no: str
    order_no: str
    material_code: str
    supplier_code: str
    quantity: Decimal
    status: str = Field(description="pending | accepted | rejected")
    sample_size: int | None = None
    defects: int | None = None
    pass_rate: Decimal | None = None
    serious_defects: list[SeriousDefect] = Field(default_factory=list)
    reasons: list[str] = Field(default_factory=list)
    received_at: datetime
    inspected_at: datetime | None = None
    inspected_by: str | None = None


class FinalInspectionPublic(BaseModel):
    inspection_no: str
    order_no: str
    company_id: str
    status: str = Field(description="pending | passed | failed")
    findings: str = ""
    inspected_by: str | None = None
    inspected_at: datetime | None = None
