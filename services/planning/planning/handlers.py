"""Planning's RPC use cases: plain functions `f(actor, payload..., uow[, compute])`.

They scope every record to the actor's companies (another company's is not found), raise
planning's refusals (domain/errors.py; servicekit.rpcs maps them to wire errors), and emit
planning's events through the outbox in the same transaction as the change. What other
departments tell planning is in inbound.py.
"""

from __future__ import annotations

from datetime import datetime
from functools import partial

from contracts.events.planning import DesignReviewed, ProductionCompleted, WorkOrderStatus
from contracts.rpc.common import Actor, JourneyStage
from contracts.rpc.planning import (
    DemandPublic,
    DesignReviewCreate,
    FeasibilityAnswer,
    FeasibilityQuery,
    PlanPublic,
    ProgressReport,
    WorkOrderPublic,
)
from planning import computing, forecast, outsourcing, process_control, views
from planning.computing import Compute
from planning.domain import feasibility
from planning.domain import plan as plans
from planning.domain.demand import Demand, DesignReview
from planning.domain.errors import NotInPlanning, StepRefused
from planning.domain.forward_schedule import local_date
from planning.domain.material_promise import Supply
from planning.domain.outsourcing_promise import bound_by_outsourcing
from planning.domain.plan import Plan
from planning.domain.work_orders import WorkOrder
from servicekit import clock
from servicekit.timelimits import X1_TIME_LIMITS

PLN1_COMPLETE_SET = X1_TIME_LIMITS["PLN-1.decompose_complete_set"]  # 1 working day
PLN1_OTHER = X1_TIME_LIMITS["PLN-1.decompose_other"]  # 4 working hours


def pln1_limit(complete_set: bool):
    """PLN-1's limit for an instruction: a working day for complete sets, else 4 hours."""
    return PLN1_COMPLETE_SET if complete_set else PLN1_OTHER


def decomposition_subject(instruction_no: str) -> str:
    """PLN-1's subject: opened by decomposition, met by publishing."""
    return f"decompose {instruction_no}"


# -- demand and design review (SAL-1..4) ----------------------------------------------------
def _visible_demand(actor: Actor, order_no: str, uow, for_update=False) -> Demand:
    demand = uow.demands.get(order_no, for_update=for_update)
    if demand is None or not actor.may_see(demand.company_id):
        raise NotInPlanning(f"planning has no demand for order {order_no}")
    return demand


def get_demand(actor: Actor, order_no: str, uow) -> DemandPublic:
    with uow:
        return views.demand_public(_visible_demand(actor, order_no, uow))


def list_pending_design_reviews(actor: Actor, limit: int, uow) -> list[DemandPublic]:
    with uow:
        return [views.demand_public(d) for d in
                uow.demands.list(companies=actor.companies, awaiting_design=True, limit=limit)]


def review_design(actor: Actor, order_no: str, review: DesignReviewCreate, uow) -> DemandPublic:
    """The design department assesses a non-regular order (SAL-3)."""
    with uow:
        demand = _visible_demand(actor, order_no, uow, for_update=True)
        demand.review_design(DesignReview(review.feasible, review.design_days, review.notes,
                                          actor.username, clock.now()))
        uow.demands.save(demand)
        uow.emit("planning.design_reviewed", DesignReviewed(
            order_no=order_no, feasible=review.feasible, design_days=review.design_days,
            reviewed_by=actor.username, notes=review.notes,
        ), company_id=demand.company_id, order_no=order_no)
        uow.commit()
        return views.demand_public(demand)


# -- feasibility (PLN-2) ---------------------------------------------------------------------
def check_feasibility(query: FeasibilityQuery, uow, compute: Compute | None = None,
                      now: datetime | None = None) -> FeasibilityAnswer:
    """The earliest date of each line and what binds it. The placement runs through
    `compute` (off the event loop, within the time budget: planning.computing), after the
    transaction that read the plant's load: nothing is held while it runs."""
    at = now or clock.now()
    with uow:
        master = uow.master_data.load()
        # PLN-11: a customer is promised as if stock replenishment not yet started gives
        # way, as it does when the order is placed and needs the capacity
        bookings = uow.plans.committed_bookings(query.company_id, yielding_after=at)
        demand = uow.demands.get(query.order_no) if query.order_no else None
        supply = supply_for(uow, master, [line.product_code for line in query.lines],
                            query.order_no)
        outsourced = outsourcing.returns_for(uow, query.order_no)  # PLN-10
    design_days = query.design_days
    if design_days == 0 and demand is not None and demand.design_review is not None:
        # SAL-3: design's reviewed lead time counts even if the caller did not pass it
        design_days = demand.design_review.design_days
    lines = [feasibility.Requested(line.product_code, line.quantity, line.requested_date)
             for line in query.lines]
    answer = (compute or computing.inline())(partial(  # task(budget)
        feasibility.check_feasibility, query.company_id, lines, design_days, master, bookings,
        at, supply=supply))
    return views.feasibility_answer(bound_by_outsourcing(answer, outsourced))


def supply_for(uow, master, product_codes: list[str], order_no: str | None) -> Supply:
    """What the lines may draw on (PLN-2): group-wide stock facts, and the order's own open
    supply (its material requests a purchase order already confirmed, or already in store)."""
    codes = {line.material_code for code in product_codes
             if (product := master.product(code)) is not None for line in product.bom}
    open_supply = {}
    plan = uow.plans.for_order(order_no) if order_no else None
    for request in plan.material_requests if plan else ():
        if request.status == plans.AVAILABLE:
            open_supply[request.material_code] = local_date(request.available_at)
        elif request.eta is not None:
            open_supply[request.material_code] = request.eta
    return Supply.of(uow.stock.for_materials(codes), open_supply)


# -- the shop floor (PLN-8) ---------------------------------------------------------------
def _plan_of_work_order(actor: Actor, work_order_no: str, uow) -> tuple[Plan, WorkOrder]:
    order_no = uow.plans.order_of_work_order(work_order_no)
    plan = uow.plans.for_order(order_no, for_update=True) if order_no else None
    if plan is None or not actor.may_see(plan.company_id):
        raise NotInPlanning(f"no work order {work_order_no}")
    return plan, next(w for w in plan.work_orders if w.work_order_no == work_order_no)


def release_work_order(actor: Actor, work_order_no: str, uow) -> WorkOrderPublic:
    with uow:
        plan, wo = _plan_of_work_order(actor, work_order_no, uow)
        if plan.published_at is None:
            raise StepRefused(f"the plan of order {plan.order_no} is proposed, not published: "
                              "its work orders are released once a planner publishes it "
                              "(PLN-1)")
        now = clock.now()
        wo.release(actor.username, now)
        if plan.status in (plans.PLANNED, plans.MATERIALS_READY):
            plan.status = plans.IN_PRODUCTION
        uow.plans.save(plan)
        process_control.released(plan, wo, uow, now)  # PLN-8: daily progress from now
        uow.commit()
        return views.work_order_public(wo)


def report_progress(actor: Actor, work_order_no: str, report: ProgressReport, uow
                    ) -> WorkOrderPublic:
    with uow:
        plan, wo = _plan_of_work_order(actor, work_order_no, uow)
        now = clock.now()
        wo.report_progress(report.completed_quantity, report.note, actor.username, now)
        uow.plans.save_work_order(wo)
        process_control.progress_reported(plan, wo, report.forecast_completion, report.note,
                                          actor.username, now, uow)  # PLN-8: the history
        forecast.report_forecast(uow, plan, report.forecast_completion, now)  # PLN-8, LOG-1
        uow.commit()
        return views.work_order_public(wo)


def complete_work_order(actor: Actor, work_order_no: str, uow) -> WorkOrderPublic:
    with uow:
        plan, wo = _plan_of_work_order(actor, work_order_no, uow)
        outsourcing.refuse_completion_while_out(uow, work_order_no)  # PLN-10
        finish_work_order(plan, wo, actor.username, clock.now(), uow)
        uow.commit()
        return views.work_order_public(wo)


def finish_work_order(plan: Plan, wo: WorkOrder, by: str, now: datetime, uow) -> None:
    """The work order is done (by the shop floor, or by its outsourced last operation's
    return, PLN-10); the last one done finishes production (PLN-12)."""
    wo.complete(by, now)
    process_control.work_order_done(wo, uow, now)
    if plan.production_finished(now):
        uow.emit("planning.production_completed", ProductionCompleted(
            order_no=plan.order_no, plan_no=plan.plan_no, completed_at=now,
            lines=plan.product_lines(),
        ), company_id=plan.company_id, order_no=plan.order_no)
    uow.plans.save(plan)


# -- reads ----------------------------------------------------------------------------------------
def get_plan(actor: Actor, order_no: str, uow) -> PlanPublic:
    with uow:
        plan = uow.plans.for_order(order_no)
        if plan is None or not actor.may_see(plan.company_id):
            raise NotInPlanning(f"no plan for order {order_no}")
        review = getattr(uow.demands.get(order_no), "design_review", None)
        return views.plan_public(plan, review.design_days if review else 0)


def list_work_orders(actor: Actor, status: WorkOrderStatus | None, limit: int, uow,
                     order_no: str | None = None) -> list[WorkOrderPublic]:
    with uow:
        return [views.work_order_public(wo) for wo in
                uow.plans.work_orders(companies=actor.companies, status=status, limit=limit,
                                      order_no=order_no)]


def journey(actor: Actor, order_no: str, uow) -> list[JourneyStage]:
    with uow:
        demand = uow.demands.get(order_no)
        plan = uow.plans.for_order(order_no)
        company = (plan or demand).company_id if (plan or demand) else None
        if company is None or not actor.may_see(company):
            return []  # every service answers an empty journey for what it does not hold
        deadlines = [d for d in uow.deadlines.for_order(order_no)
                     if d.rule_id in (PLN1_COMPLETE_SET.rule_id, PLN1_OTHER.rule_id)]
        return views.journey(demand, plan, deadlines)
