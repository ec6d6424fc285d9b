"""Publishing a proposed plan (PLN-1, ORD-5) and the coordination meeting of a non-regular
order (PLN-3): use cases `f(actor, ..., uow)`.

Decomposition (planning.inbound) proposes the plan and holds its capacity in the live plan;
only publishing tells the other departments: the material requests go to procurement
(PRC-1) and sales hears the plan (planning.order_planned). Publishing meets PLN-1.
"""

from __future__ import annotations

from contracts.events.planning import MaterialRequested, OrderPlanned, PlannedWorkOrder
from contracts.rpc.common import Actor
from contracts.rpc.plan_publication import (
    CoordinationApprovalCreate,
    CoordinationMeetingCreate,
    PlanPublish,
)
from contracts.rpc.planning import PlanPublic
from planning import co_production, process_control, views
from planning.domain import publication
from planning.domain.errors import NotInPlanning
from planning.domain.forward_schedule import local_date
from planning.domain.plan import Plan
from planning.domain.publication import Approval, Coordination
from planning.handlers import decomposition_subject, pln1_limit
from servicekit import clock
from servicekit.refusals import NotAllowed

# PLN-3: the role that speaks for each department at the meeting
DEPARTMENT_ROLES = {"design": "design", "workshops": "production_manager",
                    "procurement": "procurement", "quality": "quality"}


class NotTheDepartment(NotAllowed):
    """Only a member of the department may give its approval (PLN-3)."""


def _visible_plan(actor: Actor, order_no: str, uow) -> Plan:
    plan = uow.plans.for_order(order_no, for_update=True)
    if plan is None or not actor.may_see(plan.company_id):
        raise NotInPlanning(f"no plan for order {order_no}")
    return plan


def plan_view(plan: Plan, uow) -> PlanPublic:
    demand = uow.demands.get(plan.order_no)
    review = demand.design_review if demand is not None else None
    return views.plan_public(plan, review.design_days if review else 0)


def list_plans(actor: Actor, publication_state: str | None, limit: int, uow):
    with uow:
        return [views.plan_summary(plan) for plan in uow.plans.plans(
            companies=actor.companies, published=None if publication_state is None
            else publication_state == "published", limit=limit)]


def publish_plan(actor: Actor, order_no: str, request: PlanPublish, uow) -> PlanPublic:
    """PLN-1: the planner's act; the material requests and the plan go out only now."""
    with uow:
        plan = _visible_plan(actor, order_no, uow)
        now = clock.now()
        publication.publish(plan, actor.username, now, request.note,
                            {change.request_no: change.needed_by for change in request.needed_by},
                            local_date(now))
        uow.plans.save(plan)
        announce(plan, uow)
        process_control.plan_published(plan, uow)  # PLN-8: each task's preparation check
        uow.deadlines.meet(pln1_limit(plan.complete_set),
                           decomposition_subject(plan.instruction_no), at=now)
        uow.commit()
        return plan_view(plan, uow)


def announce(plan: Plan, uow) -> None:
    """What the other departments hear of a published plan: its material requests, except
    those for parts a sister makes, which go to the sister as co-production instructions
    (CO-1)."""
    for request in co_production.instruct_sisters(uow, plan, clock.now()):
        uow.emit("planning.material_requested", MaterialRequested(
            request_no=request.request_no, order_no=plan.order_no,
            material_code=request.material_code, quantity=request.quantity,
            needed_by=request.needed_by,
        ), company_id=plan.company_id, order_no=plan.order_no)
    uow.emit("planning.order_planned", OrderPlanned(
        order_no=plan.order_no, plan_no=plan.plan_no,
        planned_completion=plan.planned_completion,
        work_orders=[PlannedWorkOrder(
            work_order_no=wo.work_order_no, product_code=wo.product_code,
            quantity=wo.quantity, planned_start=wo.planned_start,
            planned_finish=wo.planned_finish) for wo in plan.work_orders],
        material_requests=len(plan.material_requests),
    ), company_id=plan.company_id, order_no=plan.order_no)


def record_coordination_meeting(actor: Actor, order_no: str,
                                meeting: CoordinationMeetingCreate, uow) -> PlanPublic:
    """PLN-3: the planner records the meeting; the departments then approve."""
    with uow:
        plan = _visible_plan(actor, order_no, uow)
        publication.record_meeting(plan, Coordination(
            held_at=meeting.held_at, recorded_by=actor.username, recorded_at=clock.now(),
            attendees=tuple(meeting.attendees), notes=meeting.notes))
        uow.plans.save(plan)
        uow.commit()
        return plan_view(plan, uow)


def approve_plan_coordination(actor: Actor, order_no: str,
                              approval: CoordinationApprovalCreate, uow) -> PlanPublic:
    """PLN-3: one department's approval, given by one of its members."""
    if DEPARTMENT_ROLES[approval.department] not in actor.roles:
        raise NotTheDepartment(f"{actor.username} does not speak for {approval.department} "
                               f"(role {DEPARTMENT_ROLES[approval.department]!r})")
    with uow:
        plan = _visible_plan(actor, order_no, uow)
        publication.approve(plan, Approval(approval.department, actor.username, clock.now(),
                                           approval.remark))
        uow.plans.save(plan)
        uow.commit()
        return plan_view(plan, uow)
