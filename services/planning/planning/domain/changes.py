"""Planning's part of a customer change (SAL-8), pure: the work orders not yet done take
the new line quantities, and the material requests are re-sized from the BOM (PLN-4:
planning agrees the change of each request; procurement follows it). A finished work
order cannot change: the change is refused with that reason.

Everything is checked before anything changes, and what changed is returned as undo data
so that a rollback restores it exactly.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from planning.domain.errors import ChangeRefused
from planning.domain.master_data import Product
from planning.domain.plan import Plan
from planning.domain.work_orders import DONE


@dataclass(frozen=True)
class LineChange:
    line_no: int
    product_code: str
    quantity_before: Decimal
    quantity: Decimal


@dataclass(frozen=True)
class Resized:
    request_no: str
    material_code: str
    quantity_before: Decimal
    quantity_after: Decimal


def check(plan: Plan, changes: list[LineChange]) -> None:
    """Refuse, before anything changes, what the shop floor has already made."""
    for change in changes:
        if change.quantity == change.quantity_before:
            continue
        for wo in plan.work_orders:
            if wo.line_no != change.line_no:
                continue
            if wo.status == DONE:
                raise ChangeRefused(f"work order {wo.work_order_no} of line {change.line_no} "
                                    f"is already finished: its quantity cannot change",
                                    {"work_order_no": wo.work_order_no})
            if wo.completed_quantity > change.quantity:
                raise ChangeRefused(f"work order {wo.work_order_no} has already completed "
                                    f"{wo.completed_quantity}, more than the new quantity "
                                    f"{change.quantity}", {"work_order_no": wo.work_order_no})


def apply(plan: Plan, changes: list[LineChange],
          products: dict[str, Product]) -> tuple[dict, list[Resized]]:
    """Apply the checked change; returns the undo data and the re-sized requests."""
    check(plan, changes)
    undo: dict = {"work_orders": {}, "requests": {}}
    resized: list[Resized] = []
    for change in changes:
        delta = change.quantity - change.quantity_before
        if not delta:
            continue
        for wo in plan.work_orders:
            if wo.line_no == change.line_no:
                undo["work_orders"].setdefault(wo.work_order_no, str(wo.quantity))
                wo.quantity = change.quantity
        product = products.get(change.product_code)
        for bom_line in product.bom if product else ():
            request = next((r for r in plan.material_requests
                            if r.material_code == bom_line.material_code), None)
            if request is None:
                continue  # covered from stock without a request of this order
            before = request.quantity
            undo["requests"].setdefault(request.request_no, str(before))
            request.quantity = max(Decimal(0), before + bom_line.quantity * delta)
            resized.append(Resized(request.request_no, request.material_code, before,
                                   request.quantity))
    return undo, resized


def undo(plan: Plan, data: dict) -> None:
    """Restore what `apply` changed (the saga's compensation)."""
    for wo in plan.work_orders:
        if wo.work_order_no in data.get("work_orders", {}):
            wo.quantity = Decimal(data["work_orders"][wo.work_order_no])
    for request in plan.material_requests:
        if request.request_no in data.get("requests", {}):
            request.quantity = Decimal(data["requests"][request.request_no])
