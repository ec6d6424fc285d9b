"""What other departments tell planning: event use cases `f(event, payload, uow)`.

The envelope carries the company, the time and the order no. An event about something
planning does not hold is logged and acknowledged, not retried (it will never appear).
"""

from __future__ import annotations

import logging
from datetime import datetime
from functools import partial

from contracts.envelope import EventEnvelope
from contracts.events.logistics import FinishedGoodsStocked
from contracts.events.procurement import MaterialAvailable, PurchaseOrdered, StockLevelChanged
from contracts.events.quality import FinalInspectionFailed, FinalInspectionPassed
from contracts.events.sales import OrderDeclined, OrderKind, OrderReceived
from contracts.events.sales import ProductionInstructionIssued as Instruction
from planning import computing, replenishment
from planning.computing import Compute
from planning.domain.demand import PLANNED, Demand, DemandLine
from planning.domain.errors import CannotSchedule
from planning.domain.forward_schedule import Booking, PlacedLine, local_date, place_order
from planning.domain.live_plan import Reserved
from planning.domain.master_data import MasterData
from planning.domain.material_promise import Supply
from planning.domain.mrp import explode, explode_order
from planning.domain.plan import MaterialRequest, Plan
from planning.domain.replenishment import is_replenishment, late_lines
from planning.domain.work_orders import PlannedOperation, WorkOrder
from planning.handlers import decomposition_subject, pln1_limit, supply_for
from servicekit import clock

log = logging.getLogger(__name__)


# -- demand (SAL-1, SAL-4) ------------------------------------------------------------------
def order_received(event: EventEnvelope, payload: OrderReceived, uow) -> None:
    """An order sales received becomes demand planning must plan for."""
    with uow:
        if uow.demands.get(payload.order_no) is not None:
            log.info("demand for %s already recorded", payload.order_no)
        else:
            uow.demands.add(Demand(
                order_no=payload.order_no, company_id=event.company_id,
                customer_grade=payload.customer_grade, recorded_at=event.occurred_at,
                lines=tuple(DemandLine(line.line_no, line.product_code, line.quantity,
                                       line.requested_date) for line in payload.lines),
                non_regular=payload.kind == OrderKind.NON_REGULAR,
                complete_set=payload.complete_set, rush=payload.rush,
            ))
        uow.commit()


def order_declined(event: EventEnvelope, payload: OrderDeclined, uow) -> None:
    """SAL-4: the order will not be made; nothing is planned for it."""
    with uow:
        demand = uow.demands.get(payload.order_no, for_update=True)
        if demand is None:
            log.warning("order %s declined but planning never recorded it", payload.order_no)
        else:
            demand.decline(payload.reason, event.occurred_at)
            uow.demands.save(demand)
        uow.commit()


# -- decomposition (PLN-1, PLN-4, PLN-5) -------------------------------------------------------
def production_instruction_issued(event: EventEnvelope, payload: Instruction, uow,
                                  compute: Compute | None = None) -> None:
    """Break the production instruction into work orders and material requests (PLN-1):
    a proposed plan, holding its capacity, for a planner to adjust and publish.

    The work is placed through `compute` (off the event loop, within the time budget) with
    nothing held; the plan is then written in one transaction, after checking that the load
    it was placed against is still the plant's (if another plan was committed meanwhile, it
    is placed again). Work planning cannot place (missing master data, beyond the horizon,
    over the budget) is logged; the PLN-1 limit stays open and breaches, visibly.
    """
    compute = compute or computing.inline()
    now = clock.now()
    company_id = event.company_id
    limit = pln1_limit(payload.complete_set)
    subject = decomposition_subject(payload.instruction_no)
    with uow:  # read only: what the placement depends on
        planned = uow.plans.for_order(payload.order_no) is not None
        master = uow.master_data.load()
        demand = uow.demands.get(payload.order_no)
        bookings = uow.plans.committed_bookings(company_id)
        yielding = uow.plans.committed_bookings(company_id, yielding_after=now)  # PLN-11
        supply = supply_for(uow, master, [line.product_code for line in payload.lines], None)
        held = uow.live.reservations_of(payload.order_no)
    unknown = [line.product_code for line in payload.lines
               if master.product(line.product_code, company_id) is None]
    lines = [] if unknown else [(master.product(line.product_code, company_id), line.quantity)
                                for line in payload.lines]
    place = partial(place_order, master, company_id, lines)  # place(bookings, now, days, budget)
    design_days = _design_days(payload, demand, master)

    def attempt(load: list[Booking]) -> tuple[list[PlacedLine] | None, CannotSchedule | None]:
        try:
            # each attempt draws on the stock afresh (a Supply remembers what it promised)
            fresh = Supply.of([f for facts in supply.stock.values() for f in facts])
            return compute(partial(place, load, now, design_days, supply=fresh)), None
        except CannotSchedule as exc:
            return None, exc

    yields = False
    if planned or unknown:
        placed, problem = None, None
    elif held:  # PLN-9: an approved rush order gets exactly the slots its approval showed
        placed, problem = _held_lines(payload, held), None
    else:
        placed, problem = attempt(bookings)
        if placed and yielding != bookings and _late(placed, payload):
            # PLN-11: capacity is short; replenishment not yet started gives way
            first, _ = attempt(yielding)
            if first and max(p.finish for p in first) < max(p.finish for p in placed):
                placed, bookings, yields = first, yielding, True
    with uow:
        uow.deadlines.open(limit, subject=subject, company_id=company_id,
                           order_no=payload.order_no, detail=payload.instruction_no,
                           opened_at=payload.issued_at)
        if uow.plans.for_order(payload.order_no) is not None:
            log.info("order %s is already planned; instruction %s ignored", payload.order_no,
                     payload.instruction_no)
            uow.commit()
            return
        if unknown:
            # Master data is missing: the PLN-1 deadline stays open and will breach, visibly.
            log.error("cannot plan %s: %s has no product(s) %s", payload.order_no, company_id,
                      unknown)
            uow.commit()
            return
        current = uow.plans.committed_bookings(company_id, yielding_after=now if yields
                                               else None)
        if not held and problem is None and current != bookings:  # another plan meanwhile
            placed, problem = attempt(current)
        if problem is not None:
            log.error("cannot plan %s: %s; PLN-1 stays open", payload.order_no, problem)
            uow.commit()
            return
        demand = uow.demands.get(payload.order_no, for_update=True)
        plan = make_plan(payload, company_id, placed, master, uow.numbers, now)
        uow.plans.add(plan)
        if demand is not None:
            demand.status = PLANNED
            uow.demands.save(demand)
        # PLN-1: proposed; the planner publishes it (planning.publication), which tells
        # procurement and sales and meets the limit -- so the limit can really breach
        uow.live.release_hold(payload.order_no)
        if yields:
            replenishment.give_way(uow, master, company_id, plan.order_no, now)
        else:
            uow.live.bump(company_id, now, (
                f"order {plan.order_no} placed in the slots held since its rush approval "
                "(PLN-9)" if held else
                f"order {plan.order_no} placed in free capacity: nothing moved"))
        uow.commit()


def _late(placed: list[PlacedLine], instruction: Instruction) -> bool:
    """Whether a line would finish after the date confirmed to the customer (PLN-11)."""
    return late_lines([(local_date(p.finish), line.confirmed_date)
                       for line, p in zip(instruction.lines, placed, strict=True)])


def _held_lines(instruction: Instruction, held: list[Reserved]) -> list[PlacedLine]:
    lines = []
    for line in instruction.lines:
        ops = tuple(PlannedOperation(r.step, r.work_centre, r.start, r.finish)
                    for r in held if r.line_no == line.line_no)
        lines.append(PlacedLine(line.product_code, line.quantity, ops, "none",
                                "held since the rush order's approval (PLN-9)"))
    return lines


def _design_days(instruction: Instruction, demand: Demand | None, master: MasterData) -> int:
    """Design time before production (SAL-3): the reviewed days, else the default."""
    if not instruction.non_regular:
        return 0
    review = demand.design_review if demand is not None else None
    return review.design_days if review else master.default_design_days


def make_plan(instruction: Instruction, company_id: str, placed: list[PlacedLine],
               master: MasterData, numbers, now: datetime) -> Plan:
    plan_no = numbers.next("PL", company_id)
    work_orders, first_use = [], {}
    for line, line_placed in zip(instruction.lines, placed, strict=True):
        product = master.product(line.product_code, company_id)
        work_orders.append(WorkOrder(
            work_order_no=numbers.next("WO", company_id), plan_no=plan_no,
            order_no=instruction.order_no, company_id=company_id, line_no=line.line_no,
            product_code=line.product_code, quantity=line.quantity,
            planned_start=line_placed.start, planned_finish=line_placed.finish,
            work_centre=line_placed.operations[0].work_centre,
            operations=line_placed.operations))
        for code in explode(product, line.quantity):
            first_use[code] = min(first_use.get(code, line_placed.start), line_placed.start)
    totals = explode_order((master.product(line.product_code, company_id), line.quantity)
                           for line in instruction.lines)
    requests = [
        MaterialRequest(
            request_no=numbers.next("MR", company_id), plan_no=plan_no,
            order_no=instruction.order_no, company_id=company_id, material_code=code,
            quantity=qty, needed_by=local_date(first_use[code]), requested_at=now)
        for code, qty in totals.items() if qty > 0
    ]
    plan = Plan(plan_no=plan_no, order_no=instruction.order_no, company_id=company_id,
                instruction_no=instruction.instruction_no, issued_at=instruction.issued_at,
                created_at=now, planned_completion=max(wo.planned_finish for wo in work_orders),
                complete_set=instruction.complete_set, non_regular=instruction.non_regular,
                work_orders=work_orders, material_requests=requests)
    plan.refresh_readiness(now)  # nothing to buy: ready at once
    return plan


# -- stock facts (CO-2, PLN-2) ------------------------------------------------------------------
def stock_level_changed(event: EventEnvelope, payload: StockLevelChanged, uow) -> None:
    """Keep planning's copy of a store's holding: capable-to-promise draws on it (PLN-2)."""
    with uow:
        if not uow.stock.record(payload.company_id, payload.material_code, payload.on_hand,
                                payload.available, event.occurred_at):
            log.info("stale stock fact for %s at %s ignored", payload.material_code,
                     payload.company_id)
        uow.commit()


# -- materials (PRC-2, PRC-6, PLN-12) -----------------------------------------------------------
def _plan_with_request(uow, order_no: str, request_no: str):
    plan = uow.plans.for_order(order_no, for_update=True)
    request = plan.request(request_no) if plan else None
    if request is None:
        log.warning("no material request %s on order %s; event ignored", request_no, order_no)
    return plan, request


def purchase_ordered(event: EventEnvelope, payload: PurchaseOrdered, uow) -> None:
    with uow:
        plan, request = _plan_with_request(uow, payload.order_no, payload.request_no)
        if request is not None:
            request.ordered(payload.po_no, payload.confirmed_date, event.occurred_at)
            uow.plans.save(plan)
        uow.commit()


def material_available(event: EventEnvelope, payload: MaterialAvailable, uow) -> None:
    """A material is in store; when all of an order's are, its work orders are ready."""
    with uow:
        plan, request = _plan_with_request(uow, payload.order_no, payload.request_no)
        if request is not None:
            request.arrived(payload.source.value, event.occurred_at)
            plan.refresh_readiness(event.occurred_at)
            uow.plans.save(plan)
        uow.commit()


# -- after production: final inspection, store (QLT-2..4, PLN-12) --------------------------
def _plan_for_event(uow, order_no: str, what: str) -> Plan | None:
    plan = uow.plans.for_order(order_no, for_update=True)
    if plan is None:
        log.warning("%s for order %s, which planning has no plan for; ignored", what, order_no)
    return plan


def final_inspection_failed(event: EventEnvelope, payload: FinalInspectionFailed, uow) -> None:
    with uow:
        plan = _plan_for_event(uow, payload.order_no, "final inspection failed")
        if plan is not None:
            plan.needs_rework(payload.inspection_no, payload.findings, event.occurred_at)
            uow.plans.save(plan)
        uow.commit()


def final_inspection_passed(event: EventEnvelope, payload: FinalInspectionPassed, uow) -> None:
    with uow:
        plan = _plan_for_event(uow, payload.order_no, "final inspection passed")
        if plan is not None:
            plan.inspection_passed(payload.inspection_no,
                                   payload.inspected_at or event.occurred_at)
            uow.plans.save(plan)
        uow.commit()


def finished_goods_stocked(event: EventEnvelope, payload: FinishedGoodsStocked, uow) -> None:
    """Packed and stocked: the order's production is complete (PLN-12)."""
    with uow:
        plan = _plan_for_event(uow, payload.order_no, "finished goods stocked")
        if plan is not None:
            first_time = plan.stocked_at is None
            plan.stocked(payload.stock_entry_no, payload.stocked_at)
            uow.plans.save(plan)
            if first_time and is_replenishment(plan.order_no):  # PLN-11: stock rises
                replenishment.stocked(uow, plan.order_no, plan.company_id, [
                    (wo.product_code, wo.quantity) for wo in plan.work_orders])
        uow.commit()
