"""Planning's RPC payloads and method table: feasibility, design reviews, plans, work orders.

Every quantity, duration and date is bounded here, at the edge (issue 8.3): a feasibility
question for 10⁹ units or 10⁹ design days is a 422 with the field's path, never a minute of
computation. Where a string is constrained by a pattern, validation enforces the same
pattern, so the OpenAPI schema says exactly what is accepted (issue 8.8).
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from pydantic import AwareDatetime, BaseModel, Field

from contracts.errors import Conflict, InvalidRequest, NotFound
from contracts.events.planning import (
    DemandStatus,
    MaterialRequestStatus,
    PlanStatus,
    WorkOrderStatus,
)
from contracts.rpc.api import ServiceApi, command, query
from contracts.rpc.bounds import (
    NO_NUL,
    BoundedDate,
    Code,
    CompanyId,
    CompletedQuantity,
    Quantity,
)
from contracts.rpc.common import BusinessNo, PageLimit, StrictPayload

# -- the edge's bounds (contracts.rpc.bounds) -----------------------------------------------
MAX_DESIGN_DAYS = 365  # working days of design (SAL-3)
MAX_LINES = 200  # lines of one feasibility question (as many as an order may have)
PlanningDate = BoundedDate
ProductCode = Code


# -- feasibility (PLN-2, SAL-2/3) -----------------------------------------------------------
class FeasibilityLine(StrictPayload):
    product_code: ProductCode
    quantity: Quantity
    requested_date: PlanningDate


class FeasibilityQuery(StrictPayload):
    """Can these lines be delivered by their requested dates? (SAL-2/3, PLN-2)"""

    company_id: CompanyId
    order_no: BusinessNo | None = None
    lines: list[FeasibilityLine] = Field(min_length=1, max_length=MAX_LINES)
    design_days: int = Field(default=0, ge=0, le=MAX_DESIGN_DAYS,
                             description="design lead time in working days (non-regular)")


class FeasibilityLineAnswer(BaseModel):
    """One line's earliest date and what binds it."""

    line_no: int
    product_code: str
    quantity: Decimal
    requested_date: date
    earliest_date: date
    feasible: bool
    binding_kind: str = Field(description="capacity | material | design | none")
    binding_constraint: str


class FeasibilityAnswer(BaseModel):
    feasible: bool
    earliest_date: date
    binding_kind: str = Field(description="capacity | material | design | none")
    binding_constraint: str = Field(description="in words a planner understands")
    per_line: list[FeasibilityLineAnswer] = Field(default_factory=list)


# -- design review (SAL-3) and the shop floor (PLN-8) ----------------------------------------
class DesignReviewCreate(StrictPayload):
    feasible: bool = True
    design_days: int = Field(ge=0, le=MAX_DESIGN_DAYS)
    notes: str = Field(default="", max_length=1000, pattern=NO_NUL)


class ProgressReport(StrictPayload):
    """Daily progress of a work order (PLN-8): completed so far."""

    completed_quantity: CompletedQuantity
    note: str = Field(default="", max_length=500, pattern=NO_NUL)


# -- what callers read ------------------------------------------------------------------------
class OperationPublic(BaseModel):
    """One routing step of a work order, as scheduled (PLN-5)."""

    step: int
    work_centre: str
    planned_start: AwareDatetime
    planned_finish: AwareDatetime


class WorkOrderPublic(BaseModel):
    work_order_no: str
    order_no: str
    company_id: str
    product_code: str
    quantity: Decimal
    completed_quantity: Decimal
    status: WorkOrderStatus
    planned_start: datetime
    planned_finish: datetime
    work_centre: str
    note: str = Field(default="", description="rework or progress note")
    operations: list[OperationPublic] = Field(default_factory=list,
                                              description="the routing's scheduled operations")


class MaterialRequestPublic(BaseModel):
    request_no: str
    material_code: str
    quantity: Decimal
    needed_by: date
    status: MaterialRequestStatus
    eta: date | None = None
    po_no: str | None = Field(default=None, description="the purchase order that covers it")


class PlanPublic(BaseModel):
    plan_no: str
    order_no: str
    company_id: str
    instruction_no: str
    status: PlanStatus
    planned_completion: datetime
    work_orders: list[WorkOrderPublic]
    material_requests: list[MaterialRequestPublic]


class DemandLinePublic(BaseModel):
    line_no: int
    product_code: str
    quantity: Decimal
    requested_date: date


class DesignReviewPublic(BaseModel):
    """Design's assessment of a non-regular order (SAL-3)."""

    feasible: bool
    design_days: int
    notes: str = ""
    reviewed_by: str
    reviewed_at: AwareDatetime


class DemandPublic(BaseModel):
    """An order as planning knows it before its instruction: the demand to plan for."""

    order_no: str
    company_id: str
    customer_grade: str
    recorded_at: datetime
    lines: list[DemandLinePublic]
    non_regular: bool = False
    design_review: DesignReviewPublic | None = None
    status: DemandStatus = DemandStatus.RECEIVED


# -- the method table (contracts.rpc.api) -----------------------------------------------------
WORK_ORDER_STEP = (NotFound, Conflict)
API = ServiceApi("planning", [
    query("check_feasibility", actor=False, query=FeasibilityQuery, reply=FeasibilityAnswer,
          refuses=(InvalidRequest, Conflict),
          doc="PLN-2, SAL-2/3: each line's earliest date and its binding constraint; asked "
              "by sales' review and by planners. Conflict when the plant cannot finish it "
              "within the planning horizon or it cannot be decided within the time budget"),
    query("get_demand", order_no=BusinessNo, reply=DemandPublic, refuses=(NotFound,),
          doc="an order as planning recorded it from sales' event"),
    query("list_pending_design_reviews", limit=(PageLimit, 100), reply=list[DemandPublic],
          doc="SAL-3: non-regular orders of the actor's companies awaiting design, oldest "
              "first"),
    command("review_design", order_no=BusinessNo, review=DesignReviewCreate,
            reply=DemandPublic, refuses=(NotFound, Conflict),
            doc="SAL-3: design's assessment of a non-regular order; emits "
                "planning.design_reviewed"),
    query("get_plan", order_no=BusinessNo, reply=PlanPublic, refuses=(NotFound,),
          doc="PLN-1: the order's plan with its work orders and material requests"),
    query("list_work_orders", status=(WorkOrderStatus | None, None), limit=(PageLimit, 100),
          reply=list[WorkOrderPublic],
          doc="work orders of the actor's companies by planned start, optionally by status"),
    command("release_work_order", work_order_no=BusinessNo, reply=WorkOrderPublic,
            refuses=WORK_ORDER_STEP, doc="PLN-8: Conflict while materials are missing"),
    command("report_progress", work_order_no=BusinessNo, report=ProgressReport,
            reply=WorkOrderPublic, refuses=(*WORK_ORDER_STEP, InvalidRequest),
            doc="PLN-8: daily progress; InvalidRequest beyond the work order's quantity"),
    command("complete_work_order", work_order_no=BusinessNo, reply=WorkOrderPublic,
            refuses=WORK_ORDER_STEP,
            doc="PLN-8: the last one done emits planning.production_completed"),
])
