"""Test support for rule X-1: prove that a limit of the catalog really breaches.

A service test drives the service's own use cases until they have opened a deadline,
then calls :func:`assert_limit_breaches` with the limit's catalog key. The catalog test
(``tests/contract/test_time_limit_catalog.py``) finds these calls: a limit counts as
tracked only if the services' code opens it and such a test exists.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from servicekit.deadlines import Deadline, sweep
from servicekit.timelimits import X1_TIME_LIMITS, due_at
from servicekit.workcalendar import DEFAULT_CALENDAR, WorkCalendar

__all__ = ["assert_limit_breaches"]


def assert_limit_breaches(container, key: str, order_no: str, anchor: datetime | None = None,
                          calendar: WorkCalendar = DEFAULT_CALENDAR,
                          escalated_to: str = "department_leader") -> Deadline:
    """The ``key`` deadline the service opened for ``order_no`` falls due when the limit says
    (from ``anchor``; by default its opening time, for limits after an event), is still open
    a second before, and is breached and escalated to the department leader (X-2) by the
    sweep at its due time (to ``escalated_to`` for a limit a leader holds)."""
    limit = X1_TIME_LIMITS[key]
    if anchor is None and limit.anchor != "after":
        raise TypeError(f"{key} counts back from a date: pass that date as anchor")
    provider = next(d for d in container.dependencies
                    if d.__class__.__name__ == "UnitOfWorkProvider")

    def opened() -> list[Deadline]:
        uow = provider.new_uow()
        with uow:
            return [d for d in uow.deadlines.for_order(order_no)
                    if d.limit_key == key]

    found = opened()
    assert len(found) == 1, f"expected one {key} deadline for {order_no}, found {found}"
    [deadline] = found
    assert deadline.status == "open", deadline
    expected = due_at(limit, anchor or deadline.opened_at, calendar)
    assert deadline.due_at == expected, f"{key} due {deadline.due_at}, the limit says {expected}"

    sweep(provider.new_uow(), deadline.due_at - timedelta(seconds=1))
    assert opened()[0].status == "open", f"{key} breached before it fell due"
    sweep(provider.new_uow(), deadline.due_at)
    [breached] = opened()
    assert (breached.status, breached.escalated_to) == ("breached", escalated_to), breached
    return breached
