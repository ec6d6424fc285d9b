"""Planning's RPC payloads."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from pydantic import BaseModel, ConfigDict, Field


class _Command(BaseModel):
    model_config = ConfigDict(extra="forbid")


class FeasibilityLine(_Command):
    product_code: str
    quantity: Decimal = Field(gt=0)
    requested_date: date


class FeasibilityQuery(_Command):
    """Can these lines be delivered by their requested dates? (SAL-2/3, PLN-2)"""

    company_id: str
    order_no: str | None = None
    lines: list[FeasibilityLine] = Field(min_length=1)
    design_days: int = Field(default=0, ge=0, description="design lead time (non-regular)")


class FeasibilityAnswer(BaseModel):
    feasible: bool
    earliest_date: date
    binding_kind: str = Field(description="capacity | material | design | none")
    binding_constraint: str = Field(description="in words a planner understands")
    per_line: list[dict] = Field(default_factory=list)


class DesignReviewCreate(_Command):
    feasible: bool = True
    design_days: int = Field(ge=0, le=365)
    notes: str = Field(default="", max_length=1000)


class ProgressReport(_Command):
    """Daily progress of a work order (PLN-8): completed so far."""

    completed_quantity: Decimal = Field(ge=0)
    note: str = Field(default="", max_length=500)


class WorkOrderPublic(BaseModel):
    work_order_no: str
    order_no: str
    company_id: str
    product_code: str
    quantity: Decimal
    completed_quantity: Decimal
    status: str = Field(description="waiting_material | ready | released | in_progress | done")
    planned_start: datetime
    planned_finish: datetime
    work_centre: str
    # Added (optional): rework/progress note and the routing's scheduled operations.
    note: str = ""
    operations: list[dict] = Field(default_factory=list,
                                   description="[{step, work_centre, planned_start, "
                                               "planned_finish}]")


class MaterialRequestPublic(BaseModel):
    request_no: str
    material_code: str
    quantity: Decimal
    needed_by: date
    status: str = Field(description="requested | ordered | available")
    eta: date | None = None
    po_no: str | None = None  # added (optional): the purchase order that covers it


class PlanPublic(BaseModel):
    plan_no: str
    order_no: str
    company_id: str
    instruction_no: str
    status: str
    planned_completion: datetime
    work_orders: list[WorkOrderPublic]
    material_requests: list[MaterialRequestPublic]


class DemandLinePublic(BaseModel):
    line_no: int
    product_code: str
    quantity: Decimal
    requested_date: date


class DemandPublic(BaseModel):
    """An order as planning knows it before its instruction: the demand to plan for."""

    order_no: str
    company_id: str
    customer_grade: str
    recorded_at: datetime
    lines: list[DemandLinePublic]
    non_regular: bool = False
    design_review: dict | None = None
    status: str = "received"
