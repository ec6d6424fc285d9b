"""Time limits as data (rule X-1): opened by use cases, met by them, swept by a timer.

A breach is escalated up the X-2 ladder: first to the department leader, and
if still unmet after the same span again, to the general manager. Each rung
emits `<service>.deadline_breached` (through the outbox, in the same
transaction as the status change) and counts in a metric.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import func, insert, or_, select, update
from sqlalchemy.orm import Session

from contracts.events.common import DeadlineBreached
from servicekit import metrics
from servicekit.timelimits import TimeLimit, due_at
from servicekit.workcalendar import DEFAULT_CALENDAR, WorkCalendar

LADDER = ("operator", "department_leader", "general_manager")
MIN_ESCALATION_STEP = timedelta(minutes=30)


@dataclass(frozen=True)
class Deadline:
    id: str
    rule_id: str
    subject: str
    description: str
    company_id: str
    order_no: str | None
    opened_at: datetime
    due_at: datetime
    status: str
    met_at: datetime | None
    breached_at: datetime | None
    escalation_level: int

    @property
    def escalated_to(self) -> str:
        return LADDER[min(self.escalation_level, len(LADDER) - 1)]

    def as_dict(self) -> dict:
        data = {k: getattr(self, k) for k in self.__dataclass_fields__}
        for key in ("opened_at", "due_at", "met_at", "breached_at"):
            data[key] = data[key].isoformat() if data[key] else None
        data["escalated_to"] = self.escalated_to if self.escalation_level else None
        return data


class DeadlineRepository:
    def __init__(self, session: Session, table):
        self.session = session
        self.table = table

    def open(self, limit: TimeLimit, *, subject: str, company_id: str,
             order_no: str | None = None, opened_at: datetime | None = None,
             anchor: datetime | None = None, detail: str | None = None,
             calendar: WorkCalendar = DEFAULT_CALENDAR, if_passed: str = "breach",
             ) -> Deadline:
        """Start tracking ``limit`` (an entry of ``X1_TIME_LIMITS``) for ``subject``.

        The rule id and description come from the limit (``detail`` is appended to the
        description); the due time is ``due_at(limit, anchor, calendar)``, ``anchor``
        being the event (for limits "after" it) or the date (for limits "before" it),
        by default the opening time. A limit whose moment has already passed when it is
        opened is breached by the next sweep (``if_passed="breach"``), or, with
        ``if_passed="met"``, recorded as due and met at opening: nobody could act in time
        and the step it asks for was done another way. Opening the same (rule, subject)
        twice keeps the first.
        """
        if if_passed not in ("breach", "met"):
            raise ValueError(f"if_passed must be 'breach' or 'met', got {if_passed!r}")
        existing = self._find(limit.rule_id, subject)
        if existing is not None:
            return _to_deadline(existing)
        opened_at = opened_at or datetime.now(UTC)
        due = due_at(limit, anchor or opened_at, calendar)
        passed = due <= opened_at and if_passed == "met"
        deadline = Deadline(
            id=str(uuid.uuid4()), rule_id=limit.rule_id, subject=subject,
            description=f"{limit.description}: {detail}" if detail else limit.description,
            company_id=company_id, order_no=order_no, opened_at=opened_at,
            due_at=max(due, opened_at) if passed else due,
            status="met" if passed else "open", met_at=opened_at if passed else None,
            breached_at=None, escalation_level=0,
        )
        self.session.execute(insert(self.table).values(**deadline.__dict__))
        return deadline

    def meet(self, limit: TimeLimit, subject: str, at: datetime | None = None) -> bool:
        """Mark ``limit`` met for ``subject`` (a late one stays on record as breached, then
        met)."""
        result = self.session.execute(
            update(self.table)
            .where(self.table.c.rule_id == limit.rule_id, self.table.c.subject == subject,
                   self.table.c.met_at.is_(None))
            .values(met_at=at or datetime.now(UTC),
                    status=func.coalesce(
                        func.nullif(self.table.c.status, "open"), "met"))
        )
        return result.rowcount > 0

    def for_order(self, order_no: str) -> list[Deadline]:
        rows = self.session.execute(
            select(self.table).where(self.table.c.order_no == order_no)
            .order_by(self.table.c.due_at)
        ).all()
        return [_to_deadline(row) for row in rows]

    def due_for_escalation(self, now: datetime) -> list[Deadline]:
        t = self.table
        rows = self.session.execute(
            select(t).where(
                t.c.met_at.is_(None),
                or_(
                    (t.c.status == "open") & (t.c.due_at <= now),
                    (t.c.status == "breached") & (t.c.next_escalation_at <= now),
                ),
            ).order_by(t.c.due_at).limit(500)
        ).all()
        return [_to_deadline(row) for row in rows]

    def escalate(self, deadline: Deadline, now: datetime) -> Deadline:
        level = deadline.escalation_level + 1
        step = max(deadline.due_at - deadline.opened_at, MIN_ESCALATION_STEP)
        next_at = now + step if level < len(LADDER) - 1 else None
        self.session.execute(
            update(self.table).where(self.table.c.id == deadline.id).values(
                status="breached", breached_at=deadline.breached_at or now,
                escalation_level=level, next_escalation_at=next_at,
            )
        )
        return _to_deadline_from(deadline, status="breached",
                                 breached_at=deadline.breached_at or now, escalation_level=level)

    def _find(self, rule_id: str, subject: str):
        return self.session.execute(
            select(self.table).where(self.table.c.rule_id == rule_id,
                                          self.table.c.subject == subject)
        ).first()


def sweep(uow, now: datetime | None = None) -> int:
    """Escalate every limit that is due; returns how many rungs were climbed."""
    now = now or datetime.now(UTC)
    climbed = 0
    with uow:
        for deadline in uow.deadlines.due_for_escalation(now):
            escalated = uow.deadlines.escalate(deadline, now)
            uow.emit(
                f"{uow.service}.deadline_breached",
                DeadlineBreached(
                    deadline_id=escalated.id, rule_id=escalated.rule_id,
                    subject=escalated.subject, description=escalated.description,
                    due_at=escalated.due_at, breached_at=escalated.breached_at,
                    escalated_to=escalated.escalated_to,
                    escalation_level=escalated.escalation_level,
                ),
                company_id=escalated.company_id, order_no=escalated.order_no,
            )
            metrics.DEADLINE_BREACHES.labels(uow.service, escalated.rule_id,
                                             escalated.escalated_to).inc()
            climbed += 1
        uow.commit()
    return climbed


def _to_deadline(row) -> Deadline:
    return Deadline(**{name: getattr(row, name) for name in Deadline.__dataclass_fields__})


def _to_deadline_from(deadline: Deadline, **changes) -> Deadline:
    return Deadline(**{**deadline.__dict__, **changes})
