"""Inspection tasks keeping pace with the plan (QLT-2): planned when planning decomposes
an order, assigned and reassigned by the leader, done by the inspector; an inspector's
day shows when it is overloaded."""

from __future__ import annotations

import logging
from datetime import date, datetime, time, timedelta

from contracts.envelope import EventEnvelope
from contracts.events.planning import OrderPlanned
from contracts.rpc.common import Actor
from contracts.rpc.quality import InspectionTaskPublic, InspectorLoadPublic, TaskAssignment
from quality.domain import tasks as model
from quality.domain.errors import CompanyNotFound, TaskNotFound
from quality.domain.tasks import InspectionTask
from servicekit import clock
from servicekit.workcalendar import DEFAULT_CALENDAR, WorkCalendar

log = logging.getLogger(__name__)


def order_planned(event: EventEnvelope, payload: OrderPlanned, uow) -> None:
    """PLN-1 → QLT-2: an in-process inspection at each work order's planned finish, and the
    final inspection at the order's planned completion."""
    with uow:
        if uow.inspection_tasks.for_plan(payload.plan_no):
            log.info("plan %s already has its inspection tasks; repeat ignored",
                     payload.plan_no)
            uow.commit()
            return
        company = event.company_id

        def task(point, planned_at, quantity, **extra) -> InspectionTask:
            return InspectionTask(
                task_no=uow.numbers.next("IT", company), company_id=company,
                order_no=payload.order_no, plan_no=payload.plan_no, point=point,
                planned_at=planned_at, planned_minutes=model.minutes_for(point, quantity),
                quantity=quantity, **extra)

        for wo in payload.work_orders:
            uow.inspection_tasks.add(task(model.IN_PROCESS, wo.planned_finish, wo.quantity,
                                          work_order_no=wo.work_order_no,
                                          product_code=wo.product_code))
        total = sum((wo.quantity for wo in payload.work_orders), start=0)
        uow.inspection_tasks.add(task(model.FINAL, payload.planned_completion, total))
        uow.commit()


def list_inspection_tasks(actor: Actor, order_no: str | None, inspector: str | None,
                          limit: int, uow) -> list[InspectionTaskPublic]:
    with uow:
        return [_public(t) for t in
                uow.inspection_tasks.list(actor.companies, order_no, inspector, limit=limit)]


def assign_inspection_task(actor: Actor, task_no: str, assignment: TaskAssignment, uow
                           ) -> InspectionTaskPublic:
    """QLT-2: the leader sends a task to an inspector (reassigning an overloaded one's)."""
    with uow:
        task = _visible(actor, task_no, uow)
        task.assign(assignment.inspector, by=actor.username, roles=actor.roles)
        uow.inspection_tasks.save(task)
        uow.commit()
    return _public(task)


def complete_inspection_task(actor: Actor, task_no: str, uow, *,
                             now: datetime | None = None) -> InspectionTaskPublic:
    with uow:
        task = _visible(actor, task_no, uow)
        task.complete(by=actor.username, at=clock.now(now))
        uow.inspection_tasks.save(task)
        uow.commit()
    return _public(task)


def final_inspected(uow, order_no: str, by: str, at: datetime) -> None:
    """The final inspection's verdict completes the order's final task (in the caller's
    transaction)."""
    for task in uow.inspection_tasks.for_order(order_no):
        if task.point == model.FINAL and task.status == model.OPEN:
            task.complete(by=by, at=at)
            uow.inspection_tasks.save(task)


def inspector_load(actor: Actor, company_id: str, day: date, uow,
                   calendar: WorkCalendar = DEFAULT_CALENDAR) -> list[InspectorLoadPublic]:
    """QLT-2: each inspector's open tasks planned on `day` (local), against its working
    time; overloaded queues are the leader's cue to reassign."""
    if not actor.may_see(company_id):
        raise CompanyNotFound(f"company {company_id} not found")
    start = datetime.combine(day, time(0), tzinfo=calendar.tz)
    capacity = 0
    if calendar.is_workday(day):
        capacity = int(calendar.working_minutes_between(calendar.start_of_business(day),
                                                        calendar.close_of_business(day)))
    with uow:
        planned = uow.inspection_tasks.planned_between(company_id, start,
                                                       start + timedelta(days=1))
    return [InspectorLoadPublic(**row) for row in model.load(planned, capacity)]


def _visible(actor: Actor, task_no: str, uow) -> InspectionTask:
    task = uow.inspection_tasks.get(task_no)
    if task is None or not actor.may_see(task.company_id):
        raise TaskNotFound(f"inspection task {task_no} not found", {"task_no": task_no})
    return task


def _public(task: InspectionTask) -> InspectionTaskPublic:
    return InspectionTaskPublic(**task.__dict__)
