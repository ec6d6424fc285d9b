"""Sales' order follow-up (跟单, SAL-9) and the forecast it follows (SAL-11).

At the production instruction each confirmed delivery date gets a follow-up task, open
from 3 working days before the date (the Chinese working-day calendar, holidays
included) and due 2 working days before it (the SAL-9 limit). The check compares
planning's forecast completion (`planning.forecast_updated`, SAL-11) with the date: a
later forecast is a deviation — a remedy is asked of production (PLN-8) and the GM is
told; if the date still cannot be met, the customer is told the new date and an urge
note (催促单) with a final deadline goes to the production manager and the GM. That
deadline is tracked and met when production completes.
"""

from __future__ import annotations

from datetime import date

from contracts.envelope import EventEnvelope
from contracts.events.forecasts import ForecastUpdated
from contracts.events.planning import CompletionForecastChanged, ProductionCompleted
from contracts.rpc.common import Actor
from contracts.rpc.follow_ups import FollowUpCheck, FollowUpPublic, UrgeNoteCreate
from sales.domain import follow_ups
from sales.domain.errors import OrderNotFound
from sales.domain.follow_ups import FollowUp
from sales.domain.model import Order
from sales.handlers import _load, on_order_event
from servicekit import clock
from servicekit.timelimits import X1_TIME_LIMITS, due_at, window_opens_at
from servicekit.workcalendar import DEFAULT_CALENDAR, WorkCalendar

SAL9 = X1_TIME_LIMITS["SAL-9.follow_up"]
URGE = X1_TIME_LIMITS["SAL-9.urge_final_deadline"]


def follow_up_subject(order_no: str, confirmed: date) -> str:
    return f"follow-up of {order_no} for {confirmed.isoformat()}"


def urge_subject(urge_note_no: str) -> str:
    return f"urge note {urge_note_no}"


def open_follow_ups(order: Order, uow, now, calendar: WorkCalendar = DEFAULT_CALENDAR) -> None:
    """SAL-9: a task per confirmed delivery date (called at the production instruction)."""
    for confirmed in sorted({line.confirmed_date for line in order.lines
                             if line.confirmed_date}):
        anchor = calendar.start_of_business(confirmed)
        if uow.follow_ups.find(order.order_no, confirmed) is None:
            uow.follow_ups.add(FollowUp(
                order_no=order.order_no, confirmed_date=confirmed, company_id=order.company_id,
                window_opens=window_opens_at(SAL9, anchor, calendar),
                due_at=due_at(SAL9, anchor, calendar)))
        # a date too near to follow up in time is not followed up by being near: its
        # limit is due at once and breaches visibly until the follow-up is recorded
        uow.deadlines.open(SAL9, subject=follow_up_subject(order.order_no, confirmed),
                           company_id=order.company_id, order_no=order.order_no,
                           opened_at=now, anchor=anchor, calendar=calendar,
                           detail=f"{order.order_no}, delivery {confirmed}")


def list_follow_ups(actor: Actor, on: date, limit: int, uow,
                    calendar: WorkCalendar = DEFAULT_CALENDAR) -> list[FollowUpPublic]:
    """The tasks whose window has opened by the close of `on`, earliest due first."""
    with uow:
        tasks = uow.follow_ups.open_on(actor.companies, calendar.close_of_business(on), limit)
        return [_public(task, uow.orders.get(task.order_no), calendar) for task in tasks]


def record_follow_up(actor: Actor, order_no: str, check: FollowUpCheck, uow,
                     calendar: WorkCalendar = DEFAULT_CALENDAR) -> FollowUpPublic:
    now = clock.now()
    with uow:
        order = _load(uow, actor, order_no)
        task = _task(order_no, check.confirmed_date, uow)
        late = follow_ups.is_late(order.planned_completion, task.confirmed_date,
                                  lambda moment: calendar.local(moment).date())
        follow_ups.check(task, late, actor.username, now)
        uow.deadlines.meet(SAL9, follow_up_subject(order_no, task.confirmed_date), at=now)
        forecast = (calendar.local(order.planned_completion).date()
                    if order.planned_completion else "not reported")
        summary = f"delivery {task.confirmed_date}, forecast completion {forecast}"
        if late:  # rule SAL-9: remedy from production (PLN-8), the GM told
            summary += ("; deviation: a remedy is asked of production (PLN-8) and the "
                        "general manager is told")
        order.note("follow-up", now, summary + (f"; {check.note}" if check.note else ""),
                   refs={"confirmed_date": task.confirmed_date.isoformat()})
        uow.follow_ups.save(task)
        uow.orders.save(order)
        uow.commit()
        return _public(task, order, calendar)


def issue_urge_note(actor: Actor, order_no: str, urge: UrgeNoteCreate, uow,
                    calendar: WorkCalendar = DEFAULT_CALENDAR) -> FollowUpPublic:
    now = clock.now()
    with uow:
        order = _load(uow, actor, order_no)
        task = _task(order_no, urge.confirmed_date, uow)
        number = uow.numbers.next("UN", order.company_id) if task.deviation else ""
        follow_ups.urge(task, number, urge.new_date, urge.final_deadline)
        order.note("customer told a new date", now, (
            f"delivery moves from {task.confirmed_date} to {urge.new_date} (SAL-9, SAL-11)"),
            refs={"new_date": urge.new_date.isoformat()})
        order.note("urge note", now, (
            f"{number} to the production manager and the general manager: final deadline "
            f"{urge.final_deadline}" + (f"; {urge.note}" if urge.note else "") + " (SAL-9)"),
            refs={"urge_note_no": number})
        uow.deadlines.open(URGE, subject=urge_subject(number), company_id=order.company_id,
                           order_no=order_no, opened_at=now, calendar=calendar,
                           anchor=calendar.start_of_business(urge.final_deadline),
                           detail=f"{number}, final deadline {urge.final_deadline}")
        uow.follow_ups.save(task)
        uow.orders.save(order)
        uow.commit()
        return _public(task, order, calendar)


def production_completed(event: EventEnvelope, payload: ProductionCompleted, uow) -> None:
    """Production finished: every urge note's final deadline on the order is met."""
    with uow:
        for task in uow.follow_ups.for_order(payload.order_no):
            if task.urge_note_no:
                uow.deadlines.meet(URGE, urge_subject(task.urge_note_no),
                                   at=payload.completed_at)
        uow.commit()


def forecast_updated(event: EventEnvelope,
                     payload: ForecastUpdated | CompletionForecastChanged, uow,
                     calendar: WorkCalendar = DEFAULT_CALENDAR) -> None:
    """SAL-11: planning's forecast completion, on the order for sales to tell the customer.

    One path for both of planning's forecast events: `planning.forecast_updated` (a manual
    forecast, a PRC-7 material delay, an accepted objection) and the daily progress report's
    `planning.completion_forecast_changed` (PLN-8). The forecast does not move LOG-2's
    limit: that counts back from the confirmed delivery date (handlers_shipping)."""
    if isinstance(payload, CompletionForecastChanged):
        reason = (f"progress report, was "
                  f"{calendar.local(payload.previous_completion).date()}, PLN-8")
    else:
        reason = payload.reason

    def record(order: Order) -> None:
        order.planned_completion = payload.forecast_completion
        forecast = calendar.local(payload.forecast_completion).date()
        confirmed = [line.confirmed_date for line in order.lines if line.confirmed_date]
        late = confirmed and forecast > max(confirmed)
        if late:
            order.status_note = (f"forecast completion {forecast} is after the confirmed date "
                                 f"{max(confirmed)}")
        order.note("forecast completion", event.occurred_at, (
            f"planning forecasts {forecast}" + (f" ({reason})" if reason else "")
            + ("; later than the confirmed date" if late else "") + " (SAL-11)"))

    on_order_event(payload.order_no, uow, record, event.event_type)


def redate_follow_ups(order: Order, previous: set[date], uow, now,
                      calendar: WorkCalendar = DEFAULT_CALENDAR) -> None:
    """SAL-9, SAL-8.2: a change moved confirmed dates. Once the order is followed up (its
    instruction issued), each new date gets its follow-up and limit; a date no line keeps is
    no longer followed: its open task and limit are closed as superseded (X-1: not met)."""
    if not uow.follow_ups.for_order(order.order_no):
        return  # not instructed yet: the instruction opens the follow-ups (SAL-7)
    current = {line.confirmed_date for line in order.lines if line.confirmed_date}
    for gone in sorted(previous - current):
        task = uow.follow_ups.find(order.order_no, gone)
        if task is not None and task.status == follow_ups.OPEN:
            task.status = follow_ups.SUPERSEDED
            uow.follow_ups.save(task)
        uow.deadlines.supersede(SAL9, follow_up_subject(order.order_no, gone))
    open_follow_ups(order, uow, now, calendar)


def _task(order_no: str, confirmed: date, uow) -> FollowUp:
    task = uow.follow_ups.find(order_no, confirmed)
    if task is None:
        raise OrderNotFound(f"order {order_no} has no follow-up for {confirmed}")
    return task


def _public(task: FollowUp, order: Order, calendar: WorkCalendar) -> FollowUpPublic:
    late = follow_ups.is_late(order.planned_completion, task.confirmed_date,
                              lambda moment: calendar.local(moment).date())
    return FollowUpPublic(
        order_no=task.order_no, company_id=task.company_id, confirmed_date=task.confirmed_date,
        window_opens=task.window_opens, due_at=task.due_at, status=task.status,
        order_status=str(order.status), forecast_completion=order.planned_completion,
        deviation=task.deviation or late, checked_at=task.checked_at,
        checked_by=task.checked_by, urge_note_no=task.urge_note_no, new_date=task.new_date,
        final_deadline=task.final_deadline)
