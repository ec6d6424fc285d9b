"""Planning use cases: plain functions taking a command or event and a unit of work."""

from __future__ import annotations

import logging
from datetime import UTC, datetime

from contracts.errors import NotFound
from contracts.events.planning import (
    DesignReviewed,
    MaterialRequested,
    OrderPlanned,
    PlannedWorkOrder,
    ProductionCompleted,
)
from contracts.events.procurement import MaterialAvailable, PurchaseOrdered
from contracts.events.quality import FinalInspectionFailed, FinalInspectionPassed
from contracts.events.sales import OrderDeclined, OrderKind, OrderReceived
from contracts.events.sales import ProductionInstructionIssued as Instruction
from contracts.rpc.common import Actor
from contracts.rpc.planning import (
    DemandPublic,
    DesignReviewCreate,
    FeasibilityAnswer,
    FeasibilityQuery,
    PlanPublic,
    ProgressReport,
    WorkOrderPublic,
)
from planning import views
from planning.domain import plan as plans
from planning.domain.demand import PLANNED, Demand, DemandLine, DesignReview
from planning.domain.feasibility import check_feasibility as answer_feasibility
from planning.domain.forward_schedule import (
    Booking,
    Plant,
    design_release,
    local_date,
    material_ready,
)
from planning.domain.mrp import explode, explode_order
from planning.domain.plan import MaterialRequest, Plan
from planning.domain.work_orders import WorkOrder
from servicekit.timelimits import X1_TIME_LIMITS

log = logging.getLogger(__name__)

PLN1_COMPLETE_SET = X1_TIME_LIMITS["PLN-1.decompose_complete_set"]  # 1 working day
PLN1_OTHER = X1_TIME_LIMITS["PLN-1.decompose_other"]  # 4 working hours


def _now() -> datetime:
    return datetime.now(UTC)


# -- demand and design review (SAL-1..4) ----------------------------------------------------
def record_demand(event: OrderReceived, company_id: str, uow, at: datetime | None = None
                  ) -> None:
    """An order sales received becomes demand planning must plan for."""
    with uow:
        if uow.demands.get(event.order_no) is not None:
            log.info("demand for %s already recorded", event.order_no)
        else:
            uow.demands.add(Demand(
                order_no=event.order_no, company_id=company_id,
                customer_grade=event.customer_grade, recorded_at=at or _now(),
                lines=tuple(DemandLine(line.line_no, line.product_code, line.quantity,
                                       line.requested_date) for line in event.lines),
                non_regular=event.kind == OrderKind.NON_REGULAR,
                complete_set=event.complete_set, rush=event.rush,
            ))
        uow.commit()


def decline_demand(event: OrderDeclined, uow, at: datetime | None = None) -> None:
    """SAL-4: the order will not be made; nothing is planned for it."""
    with uow:
        demand = uow.demands.get(event.order_no, for_update=True)
        if demand is None:
            log.warning("order %s declined but planning never recorded it", event.order_no)
        else:
            demand.decline(event.reason, at or _now())
            uow.demands.save(demand)
        uow.commit()


def _visible_demand(actor: Actor, order_no: str, uow, for_update=False) -> Demand:
    demand = uow.demands.get(order_no, for_update=for_update)
    if demand is None or not actor.may_see(demand.company_id):
        raise NotFound(f"planning has no demand for order {order_no}")
    return demand


def get_demand(actor: Actor, order_no: str, uow) -> DemandPublic:
    with uow:
        return views.demand_public(_visible_demand(actor, order_no, uow))


def list_pending_design_reviews(actor: Actor, uow) -> list[DemandPublic]:
    with uow:
        return [views.demand_public(d) for d in
                uow.demands.list(companies=actor.companies, awaiting_design=True)]


def review_design(actor: Actor, order_no: str, review: DesignReviewCreate, uow) -> DemandPublic:
    """The design department assesses a non-regular order (SAL-3)."""
    with uow:
        demand = _visible_demand(actor, order_no, uow, for_update=True)
        demand.review_design(DesignReview(review.feasible, review.design_days, review.notes,
                                          actor.username, _now()))
        uow.demands.save(demand)
        uow.emit("planning.design_reviewed", DesignReviewed(
            order_no=order_no, feasible=review.feasible, design_days=review.design_days,
            reviewed_by=actor.username, notes=review.notes,
        ), company_id=demand.company_id, order_no=order_no)
        uow.commit()
        return views.demand_public(demand)


# -- feasibility (PLN-2) ---------------------------------------------------------------------
def _bookings(uow, company_id: str) -> list[Booking]:
    return [Booking(op.work_centre, op.planned_start, op.planned_finish)
            for op in uow.plans.committed_operations(company_id)]


def check_feasibility(query: FeasibilityQuery, uow, now: datetime | None = None
                      ) -> FeasibilityAnswer:
    with uow:
        master = uow.master_data.load()
        bookings = _bookings(uow, query.company_id)
        demand = uow.demands.get(query.order_no) if query.order_no else None
    if query.design_days == 0 and demand is not None and demand.design_review is not None:
        # SAL-3: design's reviewed lead time counts even if the caller did not pass it
        query = query.model_copy(update={"design_days": demand.design_review.design_days})
    return answer_feasibility(query, master, bookings, now or _now())


# -- decomposition (PLN-1, PLN-4, PLN-5) -------------------------------------------------------
def decompose(event: Instruction, company_id: str, uow, now: datetime | None = None) -> None:
    """Break the production instruction into work orders and material requests (PLN-1)."""
    now = now or _now()
    limit = PLN1_COMPLETE_SET if event.complete_set else PLN1_OTHER
    subject = f"decompose {event.instruction_no}"
    with uow:
        uow.deadlines.open(limit, subject=subject, company_id=company_id,
                           order_no=event.order_no, detail=event.instruction_no,
                           opened_at=event.issued_at)
        if uow.plans.for_order(event.order_no) is not None:
            log.info("order %s is already planned; instruction %s ignored", event.order_no,
                     event.instruction_no)
            uow.commit()
            return
        master = uow.master_data.load()
        unknown = [line.product_code for line in event.lines
                   if master.product(line.product_code, company_id) is None]
        if unknown:
            # Master data is missing: the PLN-1 deadline stays open and will breach, visibly.
            log.error("cannot plan %s: %s has no product(s) %s", event.order_no, company_id,
                      unknown)
            uow.commit()
            return
        demand = uow.demands.get(event.order_no, for_update=True)
        plan = _make_plan(event, company_id, demand, master, _bookings(uow, company_id),
                          uow.numbers, now)
        uow.plans.add(plan)
        if demand is not None:
            demand.status = PLANNED
            uow.demands.save(demand)
        for request in plan.material_requests:
            uow.emit("planning.material_requested", MaterialRequested(
                request_no=request.request_no, order_no=plan.order_no,
                material_code=request.material_code, quantity=request.quantity,
                needed_by=request.needed_by,
            ), company_id=company_id, order_no=plan.order_no)
        uow.emit("planning.order_planned", OrderPlanned(
            order_no=plan.order_no, plan_no=plan.plan_no,
            planned_completion=plan.planned_completion,
            work_orders=[PlannedWorkOrder(
                work_order_no=wo.work_order_no, product_code=wo.product_code,
                quantity=wo.quantity, planned_start=wo.planned_start,
                planned_finish=wo.planned_finish) for wo in plan.work_orders],
            material_requests=len(plan.material_requests),
        ), company_id=company_id, order_no=plan.order_no)
        uow.deadlines.meet(limit, subject, at=now)
        uow.commit()


def _make_plan(event: Instruction, company_id, demand, master, bookings, numbers, now
               ) -> Plan:
    design_days = 0
    if event.non_regular:
        review = demand.design_review if demand is not None else None
        design_days = review.design_days if review else master.default_design_days
    release = design_release(now, design_days)
    plant = Plant(master.centres_of(company_id), now, bookings)
    plan_no = numbers.next("PL", company_id)
    work_orders, first_use = [], {}
    for line in event.lines:
        product = master.product(line.product_code, company_id)
        needs = explode(product, line.quantity)
        placed = plant.place(product, line.quantity,
                             {code: material_ready(now, master.lead_days(code)) for code in needs},
                             release, design_days)
        work_orders.append(WorkOrder(
            work_order_no=numbers.next("WO", company_id), plan_no=plan_no,
            order_no=event.order_no, company_id=company_id, line_no=line.line_no,
            product_code=line.product_code, quantity=line.quantity,
            planned_start=placed.start, planned_finish=placed.finish,
            work_centre=placed.operations[0].work_centre, operations=placed.operations))
        for code in needs:
            first_use[code] = min(first_use.get(code, placed.start), placed.start)
    totals = explode_order((master.product(line.product_code, company_id), line.quantity)
                           for line in event.lines)
    requests = [
        MaterialRequest(
            request_no=numbers.next("MR", company_id), plan_no=plan_no,
            order_no=event.order_no, company_id=company_id, material_code=code,
            quantity=qty, needed_by=local_date(first_use[code]), requested_at=now)
        for code, qty in totals.items() if qty > 0
    ]
    plan = Plan(plan_no=plan_no, order_no=event.order_no, company_id=company_id,
                instruction_no=event.instruction_no, issued_at=event.issued_at, created_at=now,
                planned_completion=max(wo.planned_finish for wo in work_orders),
                complete_set=event.complete_set, non_regular=event.non_regular,
                work_orders=work_orders, material_requests=requests)
    plan.refresh_readiness(now)  # nothing to buy: ready at once
    return plan


# -- materials (PRC-2, PRC-6, PLN-12) -----------------------------------------------------------
def _plan_with_request(uow, order_no: str, request_no: str):
    plan = uow.plans.for_order(order_no, for_update=True)
    request = plan.request(request_no) if plan else None
    if request is None:
        log.warning("no material request %s on order %s; event ignored", request_no, order_no)
    return plan, request


def purchase_ordered(event: PurchaseOrdered, uow, at: datetime | None = None) -> None:
    with uow:
        plan, request = _plan_with_request(uow, event.order_no, event.request_no)
        if request is not None:
            request.ordered(event.po_no, event.confirmed_date, at or _now())
            uow.plans.save(plan)
        uow.commit()


def material_available(event: MaterialAvailable, uow, at: datetime | None = None) -> None:
    """A material is in store; when all of an order's are, its work orders are ready."""
    with uow:
        plan, request = _plan_with_request(uow, event.order_no, event.request_no)
        if request is not None:
            request.arrived(event.source.value, at or _now())
            plan.refresh_readiness(at or _now())
            uow.plans.save(plan)
        uow.commit()


# -- the shop floor (PLN-8) ---------------------------------------------------------------
def _plan_of_work_order(actor: Actor, work_order_no: str, uow) -> tuple[Plan, WorkOrder]:
    order_no = uow.plans.order_of_work_order(work_order_no)
    plan = uow.plans.for_order(order_no, for_update=True) if order_no else None
    if plan is None or not actor.may_see(plan.company_id):
        raise NotFound(f"no work order {work_order_no}")
    return plan, next(w for w in plan.work_orders if w.work_order_no == work_order_no)


def release_work_order(actor: Actor, work_order_no: str, uow) -> WorkOrderPublic:
    with uow:
        plan, wo = _plan_of_work_order(actor, work_order_no, uow)
        wo.release(actor.username, _now())
        if plan.status in (plans.PLANNED, plans.MATERIALS_READY):
            plan.status = plans.IN_PRODUCTION
        uow.plans.save(plan)
        uow.commit()
        return views.work_order_public(wo)


def report_progress(actor: Actor, work_order_no: str, report: ProgressReport, uow
                    ) -> WorkOrderPublic:
    with uow:
        plan, wo = _plan_of_work_order(actor, work_order_no, uow)
        wo.report_progress(report.completed_quantity, report.note, actor.username, _now())
        uow.plans.save_work_order(wo)
        uow.commit()
        return views.work_order_public(wo)


def complete_work_order(actor: Actor, work_order_no: str, uow) -> WorkOrderPublic:
    with uow:
        plan, wo = _plan_of_work_order(actor, work_order_no, uow)
        now = _now()
        wo.complete(actor.username, now)
        if plan.production_finished(now):
            uow.emit("planning.production_completed", ProductionCompleted(
                order_no=plan.order_no, plan_no=plan.plan_no, completed_at=now,
                lines=plan.product_lines(),
            ), company_id=plan.company_id, order_no=plan.order_no)
        uow.plans.save(plan)
        uow.commit()
        return views.work_order_public(wo)


# -- after production: final inspection, store (QLT-2..4, PLN-12) --------------------------
def _plan_for_event(uow, order_no: str, what: str) -> Plan | None:
    plan = uow.plans.for_order(order_no, for_update=True)
    if plan is None:
        log.warning("%s for order %s, which planning has no plan for; ignored", what, order_no)
    return plan


def final_inspection_failed(event: FinalInspectionFailed, uow, at: datetime | None = None
                            ) -> None:
    with uow:
        plan = _plan_for_event(uow, event.order_no, "final inspection failed")
        if plan is not None:
            plan.needs_rework(event.inspection_no, event.findings, at or _now())
            uow.plans.save(plan)
        uow.commit()


def final_inspection_passed(event: FinalInspectionPassed, uow, at: datetime | None = None
                            ) -> None:
    with uow:
        plan = _plan_for_event(uow, event.order_no, "final inspection passed")
        if plan is not None:
            plan.inspection_passed(event.inspection_no, event.inspected_at or at or _now())
            uow.plans.save(plan)
        uow.commit()


def finished_goods_stocked(event, uow) -> None:
    """Packed and stocked: the order's production is complete (PLN-12)."""
    with uow:
        plan = _plan_for_event(uow, event.order_no, "finished goods stocked")
        if plan is not None:
            plan.stocked(event.stock_entry_no, event.stocked_at)
            uow.plans.save(plan)
        uow.commit()


# -- reads ----------------------------------------------------------------------------------------
def get_plan(actor: Actor, order_no: str, uow) -> PlanPublic:
    with uow:
        plan = uow.plans.for_order(order_no)
        if plan is None or not actor.may_see(plan.company_id):
            raise NotFound(f"no plan for order {order_no}")
        return views.plan_public(plan)


def list_work_orders(actor: Actor, status: str | None, uow) -> list[WorkOrderPublic]:
    with uow:
        return [views.work_order_public(wo)
                for wo in uow.plans.work_orders(companies=actor.companies, status=status)]


def journey(actor: Actor, order_no: str, uow) -> list:
    with uow:
        demand = uow.demands.get(order_no)
        plan = uow.plans.for_order(order_no)
        company = (plan or demand).company_id if (plan or demand) else None
        if company is None or not actor.may_see(company):
            return []
        deadlines = [d for d in uow.deadlines.for_order(order_no)
                     if d.rule_id in (PLN1_COMPLETE_SET.rule_id, PLN1_OTHER.rule_id)]
        return views.journey(demand, plan, deadlines)

