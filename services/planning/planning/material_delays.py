"""A supplier's slip that no remedy can absorb (PRC-7): planning re-dates the order.

`procurement.material_delayed` carries the material's new date. The order's work orders
that need the material (their product's BOM holds it) and have not started are moved so
that none starts before the material is in store: the first working day after its arrival
(the day it arrives goes to receiving and IQC, QLT-1). Each is shifted by the same working
time on the working-day calendar (Chinese holidays included), its operations with it, so
its duration and the load it books stay the same. The plan's completion becomes the
latest finish, and sales is told the new forecast (`planning.forecast_updated`, SAL-11).
The company's live plan takes a new version recording the moves, so a re-plan proposed
before them (PLN-7, PLN-9) must be assessed again.
"""

from __future__ import annotations

import logging
from dataclasses import replace
from datetime import date, datetime, timedelta

from contracts.envelope import EventEnvelope
from contracts.events.forecasts import ForecastUpdated
from contracts.events.procurement import MaterialDelayed
from planning.domain.live_plan import Impact
from planning.domain.master_data import MasterData
from planning.domain.mrp import explode
from planning.domain.work_orders import READY, WAITING_MATERIAL, WorkOrder
from servicekit.workcalendar import DEFAULT_CALENDAR, WorkCalendar

log = logging.getLogger(__name__)
NOT_STARTED = (WAITING_MATERIAL, READY)


def material_in_store_from(new_material_date: date, calendar: WorkCalendar) -> datetime:
    """The earliest a work order may start on a material arriving that day (PRC-7)."""
    return calendar.start_of_business(calendar.next_workday(new_material_date))


def needs_material(wo: WorkOrder, material_code: str, master: MasterData) -> bool:
    product = master.product(wo.product_code, wo.company_id)
    return product is not None and material_code in explode(product, wo.quantity)


def shift(wo: WorkOrder, earliest: datetime, calendar: WorkCalendar) -> bool:
    """Move a work order so it starts no earlier than `earliest`; False when it need not."""
    if wo.planned_start >= earliest:
        return False
    delta = calendar.working_time_between(wo.planned_start, earliest)

    def moved(moment: datetime) -> datetime:
        return max(earliest, calendar.add_working_hours(moment, delta)) \
            if delta > timedelta(0) else earliest

    wo.operations = tuple(replace(op, planned_start=moved(op.planned_start),
                                  planned_finish=moved(op.planned_finish))
                          for op in wo.operations)
    wo.planned_start, wo.planned_finish = earliest, moved(wo.planned_finish)
    return True


def material_delayed(event: EventEnvelope, payload: MaterialDelayed, uow,
                     calendar: WorkCalendar = DEFAULT_CALENDAR) -> None:
    """PRC-7: re-date the order's work orders needing the late material; tell sales."""
    with uow:
        plan = uow.plans.for_order(payload.order_no, for_update=True)
        if plan is None:
            log.warning("material %s delayed for order %s, which planning has no plan for",
                        payload.material_code, payload.order_no)
            uow.commit()
            return
        request = plan.request(payload.request_no)
        if request is not None:
            request.eta = payload.new_material_date
        master = uow.master_data.load()
        earliest = material_in_store_from(payload.new_material_date, calendar)
        finishes = {wo.work_order_no: wo.planned_finish for wo in plan.work_orders}
        moved = [wo for wo in plan.work_orders
                 if wo.status in NOT_STARTED and needs_material(wo, payload.material_code, master)
                 and shift(wo, earliest, calendar)]
        for wo in moved:
            uow.plans.reschedule_operations(wo)
        if moved:  # a new version of the live plan: a re-plan computed before it is stale
            uow.live.bump(plan.company_id, event.occurred_at, (
                f"{payload.material_code} for {plan.order_no} arrives "
                f"{payload.new_material_date} (PRC-7)"), [
                Impact(wo.order_no, wo.work_order_no, wo.line_no,
                       finishes[wo.work_order_no], wo.planned_finish) for wo in moved])
        completion = max(wo.planned_finish for wo in plan.work_orders)
        if moved and completion != plan.planned_completion:
            plan.planned_completion = completion
            uow.emit("planning.forecast_updated", ForecastUpdated(
                order_no=plan.order_no, forecast_completion=completion,
                reason=(f"{payload.material_code} arrives {payload.new_material_date} "
                        f"({payload.po_no}, {payload.remedy} cannot hold, PRC-7): "
                        + ", ".join(wo.work_order_no for wo in moved) + " re-dated"),
                reported_by=payload.reported_by),
                company_id=plan.company_id, order_no=plan.order_no)
        uow.plans.save(plan)
        uow.commit()
