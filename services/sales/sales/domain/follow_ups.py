"""Order follow-up (跟单, SAL-9), pure: a task 2-3 working days before each confirmed
delivery date; the check compares planning's forecast completion with the date, a later
forecast is a deviation; a deviation that cannot be remedied ends in the customer told a
new date and an urge note (催促单) with a final deadline."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sales.domain.errors import ChangeRejected, ChangeStepRefused

OPEN, CHECKED = "open", "checked"
SUPERSEDED = "superseded"  # a change moved its confirmed date (SAL-8.2): not followed up


@dataclass
class FollowUp:
    order_no: str
    confirmed_date: date
    company_id: str
    window_opens: datetime
    due_at: datetime
    status: str = OPEN
    deviation: bool = False
    checked_at: datetime | None = None
    checked_by: str | None = None
    urge_note_no: str | None = None
    new_date: date | None = None
    final_deadline: date | None = None


def is_late(forecast: datetime | None, confirmed: date, local_date) -> bool:
    """A forecast completion after the confirmed delivery date (in the company's days)."""
    return forecast is not None and local_date(forecast) > confirmed


def check(task: FollowUp, deviation: bool, by: str, at: datetime) -> None:
    task.status, task.deviation, task.checked_by, task.checked_at = CHECKED, deviation, by, at


def urge(task: FollowUp, urge_note_no: str, new_date: date, final_deadline: date) -> None:
    """SAL-9: only a deviation found at the check leads to an urge note."""
    if not task.deviation:
        raise ChangeStepRefused(f"order {task.order_no}: the follow-up found no deviation "
                                f"for {task.confirmed_date}; no urge note is due (SAL-9)",
                                {"order_no": task.order_no})
    if task.urge_note_no:
        raise ChangeStepRefused(f"order {task.order_no}: urge note {task.urge_note_no} "
                                f"was already sent", {"order_no": task.order_no})
    if not new_date > task.confirmed_date or final_deadline > new_date:
        raise ChangeRejected("the new date follows the confirmed one, and production's final "
                             "deadline comes no later than the new date (SAL-9)")
    task.urge_note_no, task.new_date, task.final_deadline = urge_note_no, new_date, final_deadline
