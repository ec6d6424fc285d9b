"""The customer agrees a later delivery date once the plan moved (PRC-7, SAL-11).

A supplier's slip that no remedy absorbs re-dates the plan, and planning's new forecast
completion is on the order (`planning.forecast_updated`). Sales negotiates with the
customer and records the date agreed: every line takes it (a line already later keeps
its own), and the order's history shows the agreement. A date before the forecast would
be a promise production cannot keep, so it is refused.
"""

from __future__ import annotations

from contracts.rpc.common import Actor
from contracts.rpc.follow_ups import DeliveryDateAgreement, FollowUpOrderDate
from sales.domain.errors import OrderRejected, StepRefused
from sales.handlers import _load
from servicekit import clock
from servicekit.workcalendar import DEFAULT_CALENDAR, WorkCalendar


def agree_delivery_date(actor: Actor, order_no: str, agreement: DeliveryDateAgreement, uow,
                        calendar: WorkCalendar = DEFAULT_CALENDAR) -> FollowUpOrderDate:
    now = clock.now()
    with uow:
        order = _load(uow, actor, order_no)
        if order.planned_completion is None:
            raise StepRefused(f"order {order_no} has no forecast completion yet: there is no "
                              f"plan to agree a new date against (PRC-7)",
                              {"order_no": order_no})
        forecast = calendar.local(order.planned_completion).date()
        if agreement.new_date < forecast:
            raise OrderRejected(f"{agreement.new_date} is before the forecast completion "
                                f"{forecast} (SAL-11)", {"forecast_completion": str(forecast)})
        previous = max((line.confirmed_date for line in order.lines if line.confirmed_date),
                       default=None)
        for line in order.lines:
            line.confirmed_date = max(line.confirmed_date or agreement.new_date,
                                      agreement.new_date)
        order.status_note = ""
        order.note("customer agreed a new delivery date", now, (
            f"delivery moves from {previous} to {agreement.new_date}, after the forecast "
            f"completion {forecast}" + (f"; {agreement.note}" if agreement.note else "")
            + " (PRC-7, SAL-11)"), refs={"new_date": agreement.new_date.isoformat()})
        uow.orders.save(order)
        uow.commit()
    return FollowUpOrderDate(order_no=order_no, confirmed_date=agreement.new_date,
                             forecast_completion=order.planned_completion,
                             agreed_by=actor.username)
