"""Quality's RPC payloads: inspection results from the gateway and the views it reads."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from pydantic import BaseModel, Field, model_validator

from contracts.errors import Conflict, InvalidRequest, NotFound
from contracts.events.quality import FinalInspectionStatus, LotStatus, SeriousDefect
from contracts.rpc.api import ServiceApi, command, query
from contracts.rpc.bounds import NO_NUL
from contracts.rpc.common import BusinessNo, PageLimit, StrictPayload

MAX_SAMPLE = 100_000


class InspectionCreate(StrictPayload):
    """The result of inspecting a lot's sample (QLT-1)."""

    sample_size: int = Field(ge=1, le=MAX_SAMPLE)
    defects: int = Field(ge=0, le=MAX_SAMPLE)
    serious_defects: list[SeriousDefect] = Field(default_factory=list, max_length=10)
    notes: str = Field(default="", max_length=1000, pattern=NO_NUL)

    @model_validator(mode="after")
    def _defects_within_sample(self):
        if self.defects > self.sample_size:
            raise ValueError("defects cannot exceed the sample size")
        return self


class FinalInspectionCreate(StrictPayload):
    """The verdict on an order's finished products (QLT-2); a failure needs its findings."""

    passed: bool
    findings: str = Field(default="", max_length=1000, pattern=NO_NUL)


class LotInspectionPublic(BaseModel):
    lot_no: str
    company_id: str
    po_no: str
    order_no: str
    material_code: str
    supplier_code: str
    quantity: Decimal
    status: LotStatus
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
    status: FinalInspectionStatus
    findings: str = ""
    inspected_by: str | None = None
    inspected_at: datetime | None = None


class SupplierLotPassRatePublic(BaseModel):
    """QLT-5: a supplier's inspected lots and the share accepted (pending lots not counted)."""

    supplier_code: str
    lots_inspected: int
    accepted: int
    rejected: int
    lot_pass_rate: Decimal = Field(description="accepted / inspected, truncated to 4 places")


API = ServiceApi("quality", [
    query("list_lots", status=(LotStatus | None, None), limit=(PageLimit, 100),
          reply=list[LotInspectionPublic],
          doc="incoming lots of the actor's companies, oldest first (the inspection queue)"),
    command("inspect_lot", lot_no=BusinessNo, inspection=InspectionCreate,
            reply=LotInspectionPublic, refuses=(NotFound, Conflict, InvalidRequest),
            doc="QLT-1, QLT-4: rejected below MIN_PASS_RATE or on a serious defect; once a lot"),
    query("list_final_inspections", status=(FinalInspectionStatus | None, None),
          limit=(PageLimit, 100), reply=list[FinalInspectionPublic],
          doc="final inspections of the actor's companies' orders, oldest first"),
    command("record_final_inspection", order_no=BusinessNo, result=FinalInspectionCreate,
            reply=FinalInspectionPublic, refuses=(NotFound, Conflict, InvalidRequest),
            doc="QLT-2, QLT-4: Conflict unless production completed and one is pending"),
    query("supplier_lot_pass_rates", limit=(PageLimit, 100),
          reply=list[SupplierLotPassRatePublic],
          doc="QLT-5 (first piece): lot pass rate per supplier, of the actor's companies"),
])
