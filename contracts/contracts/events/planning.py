"""Events produced by planning (design, plan, materials, production)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from enum import StrEnum

from pydantic import AwareDatetime, Field

from contracts.envelope import Payload


class DemandStatus(StrEnum):
    """Where an order stands as planning's demand, before and at its plan (SAL-3/4, PLN-1)."""

    RECEIVED = "received"
    AWAITING_DESIGN = "awaiting_design"  # non-regular: the design review is pending (SAL-3)
    DESIGN_REVIEWED = "design_reviewed"
    DECLINED = "declined"  # SAL-4
    PLANNED = "planned"  # the instruction was decomposed (PLN-1)


class PlanStatus(StrEnum):
    """An order's plan from decomposition (PLN-1) to the finished-goods store (PLN-12)."""

    PLANNED = "planned"  # waiting for materials
    MATERIALS_READY = "materials_ready"  # every material in store: work orders may be released
    IN_PRODUCTION = "in_production"
    PRODUCED = "produced"  # every work order done: final inspection next (QLT-2)
    REWORK = "rework"  # final inspection failed (QLT-3/4)
    INSPECTED = "inspected"  # final inspection passed
    COMPLETED = "completed"  # packed and stocked (PLN-12)
    CLOSED = "closed"  # quantity, scrap and cost reconciled, the order closed (PLN-13)


class WorkOrderStatus(StrEnum):
    """A work order on the shop floor (PLN-8)."""

    WAITING_MATERIAL = "waiting_material"
    READY = "ready"
    RELEASED = "released"
    IN_PROGRESS = "in_progress"
    DONE = "done"


class MaterialRequestStatus(StrEnum):
    """A material request of MRP (PLN-4), as procurement answers it (PRC-2/6)."""

    REQUESTED = "requested"
    ORDERED = "ordered"
    AVAILABLE = "available"


class DesignReviewed(Payload):
    """The design department assessed a non-regular order (SAL-3)."""

    order_no: str
    feasible: bool
    design_days: int = Field(ge=0)
    reviewed_by: str
    notes: str = ""


class MaterialRequested(Payload):
    """MRP asks procurement for a material (PLN-4); reducing it needs planning's consent."""

    request_no: str
    order_no: str
    material_code: str
    quantity: Decimal = Field(gt=0)
    needed_by: date


class PlannedWorkOrder(Payload):
    work_order_no: str
    product_code: str
    quantity: Decimal
    planned_start: AwareDatetime
    planned_finish: AwareDatetime


class OrderPlanned(Payload):
    """The instruction was decomposed into a plan with due times (PLN-1)."""

    order_no: str
    plan_no: str
    planned_completion: AwareDatetime
    work_orders: list[PlannedWorkOrder]
    material_requests: int = Field(ge=0)


class ProductionCompleted(Payload):
    """Every work order of the order is complete; final inspection may start (QLT-2)."""

    order_no: str
    plan_no: str
    completed_at: AwareDatetime
    lines: list[dict] = Field(default_factory=list,
                              description="[{product_code, quantity}] produced")


class CompletionForecastChanged(Payload):
    """The daily progress report moved the order's forecast completion (PLN-8): sales tells
    the customer (SAL-11), logistics re-times the packaging notice (LOG-1)."""

    order_no: str
    plan_no: str
    forecast_completion: AwareDatetime
    previous_completion: AwareDatetime
    reported_at: AwareDatetime


class RushApproved(Payload):
    """Leadership approved a rush order (ORD-4, PLN-9) after seeing the orders it delays:
    its production instruction may now be issued."""

    order_no: str
    proposal_no: str
    approved_by: str
    delayed_orders: list[str] = Field(default_factory=list)
    dedicated_line: str | None = None


class OrderRedated(Payload):
    """A re-plan moved an order's planned completion (PLN-6/7/9): sales tells the customer
    (SAL-11)."""

    order_no: str
    plan_no: str
    old_completion: AwareDatetime
    new_completion: AwareDatetime
    reason: str
    plan_version: int
