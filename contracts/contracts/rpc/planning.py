"""Planning's RPC payloads and method table: feasibility, design reviews, plans, work orders.

Every quantity, duration and date is bounded here, at the edge (issue 8.3): a feasibility
question for 10⁹ units or 10⁹ design days is a 422 with the field's path, never a minute of
computation. Where a string is constrained by a pattern, validation enforces the same
pattern, so the OpenAPI schema says exactly what is accepted (issue 8.8).
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from pydantic import AwareDatetime, BaseModel, Field, StrictBool

from contracts.errors import Conflict, Forbidden, InvalidRequest, NotFound
from contracts.events.planning import (
    DemandStatus,
    MaterialRequestStatus,
    PlanStatus,
    WorkOrderStatus,
)
from contracts.rpc import planning_masterdata
from contracts.rpc.api import ServiceApi, command, query
from contracts.rpc.bounds import (
    NO_NUL,
    BoundedDate,
    BoundedMoment,
    Code,
    CompanyId,
    CompletedQuantity,
    Quantity,
)
from contracts.rpc.closing import METHODS as CLOSING
from contracts.rpc.co_production import METHODS as CO_PRODUCTION
from contracts.rpc.common import BusinessNo, PageLimit, StrictPayload
from contracts.rpc.forecasts import METHODS as FORECASTS
from contracts.rpc.objections import METHODS as OBJECTIONS
from contracts.rpc.outsourcing import METHODS as OUTSOURCING
from contracts.rpc.plan_publication import (
    CoordinationApprovalCreate,
    CoordinationMeetingCreate,
    CoordinationPublic,
    PlanPublish,
    PlanSummaryPublic,
    PlanTaskPublic,
    Publication,
)
from contracts.rpc.process_control import METHODS as PROCESS_CONTROL
from contracts.rpc.replenishment import METHODS as REPLENISHMENT

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


class PeggingStepPublic(BaseModel):
    """One link of the chain behind a line's date (PLN-2): a material and where it comes
    from, design, or an operation on its work centre; `binding` marks what decides the date."""

    kind: str = Field(description="material | design | operation")
    subject: str = Field(description="material code, 'design', or work-centre code")
    source: str = Field(description="own_stock | sister_stock | open_supply | purchase | "
                                    "design | work_centre")
    ready_at: AwareDatetime = Field(description="in store / released / operation finished")
    start_at: AwareDatetime | None = None
    sentence: str
    binding: bool = False


class FeasibilityLineAnswer(BaseModel):
    """One line's earliest date, what binds it, and the chain behind it (pegging)."""

    line_no: int
    product_code: str
    quantity: Decimal
    requested_date: date
    earliest_date: date
    feasible: bool
    binding_kind: str = Field(
        description="capacity | material | co_production | design | outsourcing | none")
    binding_constraint: str
    pegging: list[PeggingStepPublic] = Field(default_factory=list)


class FeasibilityAnswer(BaseModel):
    feasible: bool
    earliest_date: date
    binding_kind: str = Field(
        description="capacity | material | co_production | design | outsourcing | none")
    binding_constraint: str = Field(description="in words a planner understands")
    per_line: list[FeasibilityLineAnswer] = Field(default_factory=list)


# -- design review (SAL-3) and the shop floor (PLN-8) ----------------------------------------
class DesignReviewCreate(StrictPayload):
    feasible: StrictBool = True
    design_days: int = Field(ge=0, le=MAX_DESIGN_DAYS)
    notes: str = Field(default="", max_length=1000, pattern=NO_NUL)


class ProgressReport(StrictPayload):
    """Daily progress of a work order (PLN-8): completed so far."""

    completed_quantity: CompletedQuantity
    note: str = Field(default="", max_length=500, pattern=NO_NUL)
    forecast_completion: BoundedMoment | None = Field(
        default=None, description="when the order will now be complete (PLN-8); a moved "
                                  "forecast goes to sales and logistics (SAL-11, LOG-1)")


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
    non_regular: bool = False
    complete_set: bool = False
    publication: Publication = Field(
        default="published", description="PLN-1: proposed by decomposition until a planner "
                                         "publishes it; nothing leaves planning before")
    created_at: datetime | None = None
    published_at: datetime | None = None
    published_by: str | None = None
    publish_note: str = ""
    coordination: CoordinationPublic | None = Field(default=None, description="PLN-3")
    tasks: list[PlanTaskPublic] = Field(default_factory=list, description=(
        "PLN-1: the task list with due times -- design, procurement, assembly, packaging"))


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


class ReworkOrderPublic(BaseModel):
    """What quality's NCR asked of planning (QLT-4): a rework work order, or scrap recorded
    for the order's closing (PLN-13)."""

    rework_order_no: str
    kind: str = Field(description="rework | scrap")
    company_id: str
    order_no: str
    ncr_no: str
    product_code: str | None = None
    quantity: Decimal | None = None
    reason: str
    owner: str | None = None
    status: str = Field(description="open")
    created_at: datetime


# -- the live plan and its re-plans (PLN-5, PLN-7, PLN-9, ORD-4) -----------------------------
class ImpactPublic(BaseModel):
    """One work order a re-plan moves: per order and line, its old and new finish."""

    order_no: str
    work_order_no: str
    line_no: int
    old_finish: AwareDatetime
    new_finish: AwareDatetime
    delay_minutes: int = Field(description="new minus old finish; negative = earlier")
    sentence: str


class ApprovalPublic(BaseModel):
    role: str
    approved_by: str
    approved_at: AwareDatetime


class ReplanProposalPublic(BaseModel):
    """A re-plan shown before it is approved: a rush insertion (PLN-9) or a re-sequence
    (PLN-7), with exactly the orders it moves; applied unchanged once approved."""

    proposal_no: str
    company_id: str
    kind: str = Field(description="rush | resequence")
    order_no: str | None = Field(default=None, description="the rush order")
    base_version: int = Field(description="the live plan's version it was computed on")
    status: str = Field(description="proposed | approved | superseded")
    needs: list[str] = Field(description="roles whose approval is still missing")
    approvals: list[ApprovalPublic] = Field(default_factory=list)
    rush_completion: AwareDatetime | None = None
    dedicated_line: str | None = Field(default=None, description="PLN-9: A-grade small rush")
    impacts: list[ImpactPublic]
    summary: str


class BreakdownCreate(StrictPayload):
    """A work centre out of action (PLN-5): from when, until when (as known), and why."""

    work_centre: Code
    down_from: BoundedMoment
    down_until: BoundedMoment = Field(description="when it is expected back")
    reason: str = Field(min_length=1, max_length=500, pattern=NO_NUL)


class LivePlanPublic(BaseModel):
    """A company's live plan: its version, the last re-plan and what it moved (PLN-5)."""

    company_id: str
    version: int
    replanned_at: AwareDatetime | None = None
    reason: str = ""
    open_operations: int
    moves: list[ImpactPublic] = Field(default_factory=list)


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
    query("list_plans", publication=(Publication | None, None), limit=(PageLimit, 100),
          reply=list[PlanSummaryPublic],
          doc="PLN-1: plans of the actor's companies, oldest first; publication=proposed is "
              "the planners' queue"),
    command("publish_plan", order_no=BusinessNo, publication=PlanPublish, reply=PlanPublic,
            refuses=(NotFound, Conflict, InvalidRequest),
            doc="PLN-1: the planner publishes the proposed plan (meets PLN-1); its material "
                "requests go to procurement (planning.material_requested) and sales hears "
                "planning.order_planned. Conflict when published already or (PLN-3) a "
                "non-regular plan lacks its meeting or an approval"),
    command("record_coordination_meeting", order_no=BusinessNo,
            meeting=CoordinationMeetingCreate, reply=PlanPublic,
            refuses=(NotFound, Conflict),
            doc="PLN-3: the planning coordination meeting's time, attendees and notes"),
    command("approve_plan_coordination", order_no=BusinessNo,
            approval=CoordinationApprovalCreate, reply=PlanPublic,
            refuses=(NotFound, Conflict, Forbidden),
            doc="PLN-3: a department's approval of the plan; Forbidden unless the actor "
                "belongs to that department; Conflict before the meeting is recorded"),
    query("list_work_orders", status=(WorkOrderStatus | None, None), limit=(PageLimit, 100),
          order_no=(BusinessNo | None, None), reply=list[WorkOrderPublic],
          doc="work orders of the actor's companies by planned start, optionally by status "
              "and by order"),
    command("release_work_order", work_order_no=BusinessNo, reply=WorkOrderPublic,
            refuses=WORK_ORDER_STEP, doc="PLN-8: Conflict while materials are missing or the "
                                         "plan is not published (PLN-1)"),
    command("report_progress", work_order_no=BusinessNo, report=ProgressReport,
            reply=WorkOrderPublic, refuses=(*WORK_ORDER_STEP, InvalidRequest),
            doc="PLN-8: daily progress; InvalidRequest beyond the work order's quantity"),
    command("complete_work_order", work_order_no=BusinessNo, reply=WorkOrderPublic,
            refuses=WORK_ORDER_STEP,
            doc="PLN-8: the last one done emits planning.production_completed"),
    query("list_rework_orders", order_no=(BusinessNo | None, None), limit=(PageLimit, 100),
          reply=list[ReworkOrderPublic],
          doc="QLT-4: rework work orders and scrap quality's NCRs asked for, oldest first"),
    *planning_masterdata.METHODS,  # products, BOMs, routings, work centres (issue 17)
    *FORECASTS,  # SAL-11, PLN-8 (contracts/rpc/forecasts.py)
    query("get_live_plan", company_id=CompanyId, limit=(PageLimit, 100), reply=LivePlanPublic,
          refuses=(NotFound,),
          doc="PLN-5: the company's live plan version and what its last re-plan moved"),
    command("assess_rush", order_no=BusinessNo, reply=ReplanProposalPublic,
            refuses=(NotFound, Conflict, InvalidRequest),
            doc="ORD-4, PLN-9: the orders a rush order delays and by how much, before any "
                "approval; Conflict unless the order is a rush order awaiting approval"),
    command("approve_rush", order_no=BusinessNo, reply=ReplanProposalPublic,
            refuses=(NotFound, Conflict, Forbidden),
            doc="ORD-4, PLN-9: leadership approves; the plan is adjusted and the delayed "
                "orders re-dated exactly as assessed (SAL-11); Conflict if the plan changed "
                "since the assessment; emits planning.rush_approved"),
    command("record_breakdown", company_id=CompanyId, breakdown=BreakdownCreate,
            reply=LivePlanPublic, refuses=(NotFound, Conflict, InvalidRequest),
            doc="PLN-5: a work centre is out of action: recorded, the live plan repaired "
                "around it by right shift (only the work it reaches moves) and sales told of "
                "each re-dated order (planning.order_redated, SAL-11)"),
    command("propose_resequence", company_id=CompanyId, reply=ReplanProposalPublic,
            refuses=(NotFound, Conflict),
            doc="PLN-7: a new sequence by due date, urgency and grade, with its consequences"),
    command("approve_resequence", proposal_no=BusinessNo, reply=ReplanProposalPublic,
            refuses=(NotFound, Conflict, Forbidden),
            doc="PLN-7: the production manager and the contract & order manager each approve; "
                "the second approval applies it and re-dates the affected orders"),
    *OBJECTIONS,  # PLN-6, CO-2 (contracts/rpc/objections.py)
    *PROCESS_CONTROL,  # PLN-8 (contracts/rpc/process_control.py)
    *OUTSOURCING,  # PLN-10 (contracts/rpc/outsourcing.py)
    *CO_PRODUCTION,  # CO-1, PLN-12 (contracts/rpc/co_production.py)
    *CLOSING,  # PLN-13, PLN-14 (contracts/rpc/closing.py)
    *REPLENISHMENT,  # PLN-11 (contracts/rpc/replenishment.py)
])
