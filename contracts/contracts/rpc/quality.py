"""Quality's RPC payloads: inspection results from the gateway and the views it reads."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Annotated

from pydantic import BaseModel, Field, StrictBool, model_validator

from contracts.errors import Conflict, Forbidden, InvalidRequest, NotFound
from contracts.events.quality import (
    Disposition,
    FinalInspectionStatus,
    FindingKind,
    FindingStatus,
    LotStatus,
    NonconformanceStatus,
    SeriousDefect,
)
from contracts.rpc.api import ServiceApi, command, query
from contracts.rpc.bounds import NO_NUL, BoundedDate, BoundedMoment, CompanyId, Percent, Quantity
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

    passed: StrictBool
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


# -- QLT-3 findings ----------------------------------------------------------------------

Note = Annotated[str, Field(min_length=1, max_length=1000, pattern=NO_NUL)]


class FindingCreate(StrictPayload):
    """What an inspector found in process or at final inspection (QLT-2, QLT-3)."""

    company_id: CompanyId
    order_no: BusinessNo
    kind: FindingKind
    description: Note
    product_code: BusinessNo | None = None
    quantity: Quantity | None = None
    found_at: BoundedMoment | None = Field(
        default=None, description="when it was found (default: now); the 20-minute "
                                  "reaction counts from here, so never in the future")


class FindingReaction(StrictPayload):
    """The inspector's reaction (QLT-3): who was told and what was done."""

    action: Note
    reacted_at: BoundedMoment | None = Field(
        default=None, description="when the inspector reacted (default: now), kept as "
                                  "information: the 20-minute limit is met when the reaction "
                                  "is recorded (X-1)")


class FindingResolution(StrictPayload):
    """The quality leader's coordination of a kind 2 or 4 finding (QLT-3)."""

    resolution: Note


class FindingPublic(BaseModel):
    finding_no: str
    company_id: str
    order_no: str
    kind: FindingKind
    description: str
    product_code: str | None = None
    quantity: Decimal | None = None
    status: FindingStatus
    reacts: str = Field(description="who the rule makes react: operator, buyer, quality leader")
    found_at: datetime
    found_by: str
    reacted_at: datetime | None = None
    reacted_by: str | None = None
    action: str | None = None
    resolved_at: datetime | None = None
    resolved_by: str | None = None
    resolution: str | None = None
    ncr_no: str


# -- QLT-4 nonconformance records -------------------------------------------------------

class DispositionCreate(StrictPayload):
    """QLT-4: what is done with the nonconforming goods, and who owns it. A concession
    names the price reduction procurement records on the PO (PRC-6)."""

    disposition: Disposition
    owner: Annotated[str, Field(min_length=1, max_length=64, pattern=NO_NUL)]
    cause: str | None = Field(default=None, min_length=1, max_length=1000, pattern=NO_NUL)
    price_reduction_percent: Percent | None = None

    @model_validator(mode="after")
    def _reduction_only_for_a_concession(self):
        if self.disposition == Disposition.UNDECIDED:
            raise ValueError("choose a disposition: rework, scrap, return or concession")
        concession = self.disposition == Disposition.CONCESSION
        if concession != (self.price_reduction_percent is not None):
            raise ValueError("a concession, and only a concession, names its "
                             "price_reduction_percent")
        if concession and not 0 < self.price_reduction_percent < 100:
            raise ValueError("a concession reduces the price by more than 0 and less "
                             "than 100 percent")
        return self


class ClosureCreate(StrictPayload):
    """QLT-4: the NCR is closed with the evidence that the disposition was carried out."""

    evidence: Note


class NonconformancePublic(BaseModel):
    ncr_no: str
    company_id: str
    source: str = Field(description="lot | final | finding | complaint")
    source_no: str
    order_no: str
    cause: str
    disposition: Disposition
    status: NonconformanceStatus
    owner: str | None = None
    price_reduction_percent: Decimal | None = None
    product_code: str | None = None
    quantity: Decimal | None = None
    opened_at: datetime
    opened_by: str
    disposed_at: datetime | None = None
    disposed_by: str | None = None
    closed_at: datetime | None = None
    closed_by: str | None = None
    evidence: str | None = None
    complaints: list[str] = Field(default_factory=list,
                                  description="after-sales requests that joined it (AFS-4)")


# -- QLT-2 inspection tasks ----------------------------------------------------------------

class InspectionTaskPublic(BaseModel):
    """An inspection point planned from the plan (QLT-2): in process after a work order,
    final when the order completes."""

    task_no: str
    company_id: str
    order_no: str
    plan_no: str
    point: str = Field(description="in_process | final")
    planned_at: datetime
    planned_minutes: int
    work_order_no: str | None = None
    product_code: str | None = None
    quantity: Decimal | None = None
    inspector: str | None = None
    assigned_by: str | None = None
    status: str = Field(description="open | done")
    done_at: datetime | None = None
    done_by: str | None = None


class TaskAssignment(StrictPayload):
    inspector: Annotated[str, Field(min_length=1, max_length=64, pattern=r"^[^\x00]+$")]


class InspectorLoadPublic(BaseModel):
    """QLT-2: an inspector's open tasks of one working day against the day's working time."""

    inspector: str | None = Field(description="null: tasks nobody is assigned yet")
    tasks: int
    planned_minutes: int
    capacity_minutes: int
    overloaded: bool


# -- QLT-5 statistics --------------------------------------------------------------------

class FirstPassYieldPublic(BaseModel):
    """Orders whose first final inspection in the period passed, of those inspected."""

    orders_inspected: int
    passed_first_time: int
    first_pass_yield: Decimal | None = Field(description="truncated to 4 places; none if "
                                                         "nothing was inspected")


class DefectCategoryPublic(BaseModel):
    """One bar of the defect Pareto: a category, how often, its share and the running
    share (largest first)."""

    category: str
    count: int
    share: Decimal
    cumulative_share: Decimal


class QualityStatisticsPublic(BaseModel):
    """QLT-5 for one company and period (local dates, inclusive)."""

    company_id: str
    period_from: date
    period_to: date
    supplier_pass_rates: list[SupplierLotPassRatePublic]
    first_pass_yield: FirstPassYieldPublic
    defect_pareto: list[DefectCategoryPublic]


API = ServiceApi("quality", [
    query("list_lots", status=(LotStatus | None, None), limit=(PageLimit, 100),
          order_no=(BusinessNo | None, None), reply=list[LotInspectionPublic],
          doc="incoming lots of the actor's companies, oldest first (the inspection queue), "
              "optionally of one order"),
    command("inspect_lot", lot_no=BusinessNo, inspection=InspectionCreate,
            reply=LotInspectionPublic, refuses=(NotFound, Conflict, InvalidRequest),
            doc="QLT-1, QLT-4: rejected below MIN_PASS_RATE or on a serious defect; once a lot"),
    query("list_final_inspections", status=(FinalInspectionStatus | None, None),
          limit=(PageLimit, 100), order_no=(BusinessNo | None, None),
          reply=list[FinalInspectionPublic],
          doc="final inspections of the actor's companies' orders, oldest first, optionally "
              "of one order"),
    command("record_final_inspection", order_no=BusinessNo, result=FinalInspectionCreate,
            reply=FinalInspectionPublic, refuses=(NotFound, Conflict, InvalidRequest),
            doc="QLT-2, QLT-4: Conflict unless production completed and one is pending"),
    query("supplier_lot_pass_rates", limit=(PageLimit, 100),
          reply=list[SupplierLotPassRatePublic],
          doc="QLT-5 (first piece): lot pass rate per supplier, of the actor's companies"),
    query("quality_statistics", company_id=CompanyId, period_from=BoundedDate,
          period_to=BoundedDate, reply=QualityStatisticsPublic,
          refuses=(NotFound, InvalidRequest),
          doc="QLT-5: lot pass rate per supplier, first-pass yield, defect Pareto"),
    # -- QLT-2 inspection tasks
    query("list_inspection_tasks", order_no=(BusinessNo | None, None),
          inspector=(BusinessNo | None, None), limit=(PageLimit, 100),
          reply=list[InspectionTaskPublic], doc="QLT-2: by planned time, of the actor's companies"),
    query("inspector_load", company_id=CompanyId, day=BoundedDate,
          reply=list[InspectorLoadPublic], refuses=(NotFound,),
          doc="QLT-2: each inspector's planned minutes of a working day, overload flagged"),
    command("assign_inspection_task", task_no=BusinessNo, assignment=TaskAssignment,
            reply=InspectionTaskPublic, refuses=(NotFound, Conflict, Forbidden),
            doc="QLT-2: a leader (re)assigns a task; Forbidden for others"),
    command("complete_inspection_task", task_no=BusinessNo, reply=InspectionTaskPublic,
            refuses=(NotFound, Conflict), doc="QLT-2: the in-process inspection is done"),
    # -- QLT-3 findings
    command("record_finding", finding=FindingCreate, reply=FindingPublic,
            refuses=(NotFound, InvalidRequest),
            doc="QLT-3: opens its NCR and the 20-minute reaction (QLT-3.react)"),
    command("react_to_finding", finding_no=BusinessNo, reaction=FindingReaction,
            reply=FindingPublic, refuses=(NotFound, Conflict, InvalidRequest),
            doc="QLT-3.react met; kinds 2 and 4 open the leader's 30 minutes"),
    command("resolve_finding", finding_no=BusinessNo, resolution=FindingResolution,
            reply=FindingPublic, refuses=(NotFound, Conflict, Forbidden),
            doc="QLT-3.coordinate met by the quality leader (kinds 2 and 4)"),
    query("list_findings", order_no=(BusinessNo | None, None),
          status=(FindingStatus | None, None), limit=(PageLimit, 100),
          reply=list[FindingPublic], doc="oldest first, of the actor's companies"),
    # -- QLT-4 nonconformance records
    query("list_nonconformances", order_no=(BusinessNo | None, None),
          status=(NonconformanceStatus | None, None), limit=(PageLimit, 100),
          reply=list[NonconformancePublic], doc="oldest first, of the actor's companies"),
    query("get_nonconformance", ncr_no=BusinessNo, reply=NonconformancePublic,
          refuses=(NotFound,), doc="one NCR with the complaints that joined it"),
    command("dispose_nonconformance", ncr_no=BusinessNo, disposition=DispositionCreate,
            reply=NonconformancePublic, refuses=(NotFound, Conflict, InvalidRequest),
            doc="QLT-4: rework → planning, scrap → planning's closing, concession → PO"),
    command("close_nonconformance", ncr_no=BusinessNo, closure=ClosureCreate,
            reply=NonconformancePublic, refuses=(NotFound, Conflict),
            doc="QLT-4: closed with evidence once disposed"),
])
