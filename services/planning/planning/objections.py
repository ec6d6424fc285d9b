"""Objections to a plan task's time (PLN-6, CO-2): use cases.

Any department of any company of the group may object to a work order's planned finish
within 1 working day of the plan (PLN-6.objection, counted from the plan's creation, the
event planning has for its publication). The limit is opened for the objecting company
and held by its leader, so an objection planning leaves open at the limit breaches
straight to that company's general manager (CO-2: the objector's GM arbitrates), not to
the plan's. Accepting gives the task the proposed time; when that moves the order's
completion later, sales is told by `planning.forecast_updated` (SAL-11), which it records
on the order.
"""

from __future__ import annotations

from contracts.events.forecasts import ForecastUpdated
from contracts.rpc.common import Actor
from contracts.rpc.objections import ObjectionDecision, ObjectionPublic, ObjectionRaise
from planning.domain import objections as model
from planning.domain.errors import NotInPlanning, StepRefused
from planning.domain.objections import Objection
from servicekit import clock
from servicekit.timelimits import X1_TIME_LIMITS, due_at

OBJECTION = X1_TIME_LIMITS["PLN-6.objection"]


def raise_objection(actor: Actor, work_order_no: str, objection: ObjectionRaise, uow
                    ) -> ObjectionPublic:
    """PLN-6: recorded within the window; the deadline opens for the objecting company."""
    if not actor.may_see(objection.company_id):
        raise NotInPlanning(f"{actor.username} does not work for {objection.company_id}")
    with uow:
        order_no = uow.plans.order_of_work_order(work_order_no)
        plan = uow.plans.for_order(order_no) if order_no else None
        if plan is None:  # CO-2: any company of the group may object, so no company check
            raise NotInPlanning(f"no work order {work_order_no}")
        now = clock.now()
        if plan.published_at is None:
            raise StepRefused(f"the plan of order {order_no} is not published yet: there is "
                              "no plan time to object to (PLN-1, PLN-6)")
        if now >= due_at(OBJECTION, plan.published_at):
            raise StepRefused(f"the plan of order {order_no} was published more than 1 "
                              "working day ago: objections are closed (PLN-6)")
        task = next(w for w in plan.work_orders if w.work_order_no == work_order_no)
        raised = Objection(
            objection_no=uow.numbers.next(model.PREFIX, objection.company_id),
            company_id=objection.company_id, plan_company_id=plan.company_id,
            order_no=order_no, work_order_no=work_order_no, reason=objection.reason,
            proposed_finish=objection.proposed_finish, planned_finish=task.planned_finish,
            raised_by=actor.username, raised_at=now)
        uow.objections.add(raised)
        uow.deadlines.open(OBJECTION, subject=model.deadline_subject(raised.objection_no),
                           company_id=objection.company_id, order_no=order_no,
                           anchor=now, held_by="department_leader",
                           detail=f"{raised.objection_no} on {work_order_no}")
        uow.commit()
    return ObjectionPublic(**raised.__dict__)


def decide_objection(actor: Actor, objection_no: str, decision: ObjectionDecision, uow
                     ) -> ObjectionPublic:
    """PLN-6: the plan's planners accept or reject; PLN-6.objection is met either way."""
    with uow:
        objection = uow.objections.get(objection_no, for_update=True)
        if objection is None or not actor.may_see(objection.plan_company_id):
            raise NotInPlanning(f"no objection {objection_no} to a plan of yours")
        now = clock.now()
        objection.decide(accept=decision.accept, reason=decision.reason,
                         by=actor.username, at=now)
        if decision.accept:
            _move_task(objection, actor, uow)
        uow.objections.save(objection)
        uow.deadlines.meet(OBJECTION, model.deadline_subject(objection_no), at=now)
        uow.commit()
    return ObjectionPublic(**objection.__dict__)


def _move_task(objection: Objection, actor: Actor, uow) -> None:
    plan = uow.plans.for_order(objection.order_no, for_update=True)
    task = next(w for w in plan.work_orders if w.work_order_no == objection.work_order_no)
    task.planned_finish = objection.proposed_finish
    later = objection.proposed_finish > plan.planned_completion
    if later:
        plan.planned_completion = objection.proposed_finish
    uow.plans.save(plan)
    if later:  # the delivery date moves: sales records it on the order (SAL-11)
        uow.emit("planning.forecast_updated", ForecastUpdated(
            order_no=plan.order_no, forecast_completion=plan.planned_completion,
            reason=f"objection {objection.objection_no} accepted (PLN-6): "
                   f"{objection.reason}", reported_by=actor.username),
            company_id=plan.company_id, order_no=plan.order_no)


def list_objections(actor: Actor, order_no: str | None, status: str | None, limit: int, uow
                    ) -> list[ObjectionPublic]:
    with uow:
        return [ObjectionPublic(**o.__dict__) for o in
                uow.objections.list(actor.companies, order_no, status, limit=limit)]
