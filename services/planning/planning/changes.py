"""Planning's part of a customer change notice's saga (SAL-8): `f(event, payload, uow)`.

Applied: the unfinished work orders take the new line quantities and the material
requests are re-sized from the BOM (PLN-4: planning's agreement, which procurement then
follows); before the order is planned, the demand lines take them. Refused when a work
order of a changed line is already finished. Compensated from the undo data on rollback.
"""

from __future__ import annotations

from decimal import Decimal

from contracts.envelope import EventEnvelope
from contracts.events.changes import ChangeIssued, ChangeRolledBack, MaterialChange
from planning.domain import changes
from planning.domain.errors import NotInPlanning
from servicekit.change_parts import Applied, apply_part, compensate_part


def change_issued(event: EventEnvelope, payload: ChangeIssued, uow) -> None:
    line_changes = [changes.LineChange(line.line_no, line.product_code, line.quantity_before,
                                       line.quantity) for line in payload.lines]

    def apply() -> Applied:
        plan = uow.plans.for_order(payload.order_no, for_update=True)
        if plan is None:
            return _apply_to_demand(payload.order_no, line_changes, uow)
        undo, resized = changes.apply(plan, line_changes, uow.master_data.load().products)
        uow.plans.save(plan)
        moved = len(undo["work_orders"])
        return Applied(undo={"plan": undo}, summary=(
            f"revision {payload.revision}: {moved} work order(s) re-sized, "
            f"{len(resized)} material request(s) re-sized (PLN-4)"),
            material_changes=[MaterialChange(
                request_no=r.request_no, material_code=r.material_code,
                quantity_before=r.quantity_before, quantity_after=r.quantity_after)
                for r in resized])

    apply_part(uow, change_no=payload.change_no, order_no=payload.order_no,
               company_id=event.company_id, apply=apply)


def _apply_to_demand(order_no: str, line_changes: list[changes.LineChange], uow) -> Applied:
    before = uow.demand_lines.quantities(order_no)
    if not before:
        raise NotInPlanning(f"planning holds no demand for order {order_no}")
    for change in line_changes:
        uow.demand_lines.set_quantity(order_no, change.line_no, change.quantity)
    return Applied(undo={"demand": {str(k): str(v) for k, v in before.items()}},
                   summary="not planned yet: the demand takes the new lines")


def change_rolled_back(event: EventEnvelope, payload: ChangeRolledBack, uow) -> None:
    def undo(data: dict) -> None:
        if "plan" in data:
            plan = uow.plans.for_order(payload.order_no, for_update=True)
            changes.undo(plan, data["plan"])
            uow.plans.save(plan)
        for line_no, quantity in data.get("demand", {}).items():
            uow.demand_lines.set_quantity(payload.order_no, int(line_no), Decimal(quantity))

    compensate_part(uow, change_no=payload.change_no, order_no=payload.order_no,
                    company_id=event.company_id, undo=undo)
