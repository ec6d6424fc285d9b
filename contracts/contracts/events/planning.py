"""Events produced by planning (design, plan, materials, production)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from pydantic import AwareDatetime, Field

from contracts.envelope import Payload


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
