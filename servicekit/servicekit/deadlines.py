"""Time limits as data (rule X-1): opened by use cases, met by them, swept by a timer.

A limit is found by its catalogue key and subject (two limits may share a rule id, as
LOG-1's two kinds do). Its due time is marked ``calendar="estimated"`` when it was counted
over a year without the official holiday schedule (servicekit.workcalendar). A limit
whose act can no longer be done as asked (its date moved) is closed as ``superseded``,
never as met; a limit met by an act that was undone (a reversed payment) is reopened.

A breach is escalated up the X-2 ladder: first to the department leader, and
if still unmet after the same span again, to the general manager. Each rung
emits `<service>.deadline_breached` (through the outbox, in the same
transaction as the status change) and counts in a metric.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import case, func, insert, or_, select, update
from sqlalchemy.orm import Session

from contracts.events.common import DeadlineBreached
from servicekit import metrics
from servicekit.timelimits import X1_TIME_LIMITS, TimeLimit, due_at, due_is_estimated
from servicekit.workcalendar import DEFAULT_CALENDAR, WorkCalendar

LADDER = ("operator", "department_leader", "general_manager")
SUPERSEDED = "superseded"  # closed unmet: the date it counted to is no longer the date
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
    acknowledged_at: datetime | None = None
    acknowledged_by: str | None = None
    limit_key: str = ""
    calendar: str = "official"  # "estimated": counted over a year without official data

    @property
    def escalated_to(self) -> str:
        return LADDER[min(self.escalation_level, len(LADDER) - 1)]

    def as_dict(self) -> dict:
        data = {k: getattr(self, k) for k in self.__dataclass_fields__}
        for key in ("opened_at", "due_at", "met_at", "breached_at", "acknowledged_at"):
            data[key] = data[key].isoformat() if data[key] else None
        data["escalated_to"] = self.escalated_to if self.breached_at else None
        data["holder"] = _holder(self)
        return data


class DeadlineRepository:
    def __init__(self, session: Session, table):
        self.session = session
        self.table = table

    def open(self, limit: TimeLimit, *, subject: str, company_id: str,
             order_no: str | None = None, opened_at: datetime | None = None,
             anchor: datetime | None = None, detail: str | None = None,
             calendar: WorkCalendar = DEFAULT_CALENDAR,
             held_by: str = "operator") -> Deadline:
        """Start tracking ``limit`` (an entry of ``X1_TIME_LIMITS``) for ``subject``.

        The rule id and description come from the limit (``detail`` is appended to the
        description); the due time is ``due_at(limit, anchor, calendar)``, ``anchor``
        being the event (for limits "after" it) or the date (for limits "before" it),
        by default the opening time. A limit whose moment has already passed when it is
        opened is breached by the next sweep, visibly (X-1: only the act it asks for meets
        it). Opening the same (limit, subject) twice keeps the first.

        ``held_by`` is the rung of the X-2 ladder whose limit it is: a leader's own limit
        (``"department_leader"``, e.g. QLT-3's coordination) escalates straight to the
        general manager when it breaches.
        """
        if held_by not in LADDER[:-1]:
            raise ValueError(f"held_by must be one of {LADDER[:-1]}, got {held_by!r}")
        existing = self._find(limit, subject)
        if existing is not None:
            return _to_deadline(existing)
        opened_at = opened_at or datetime.now(UTC)
        anchor = anchor or opened_at
        due = due_at(limit, anchor, calendar)
        deadline = Deadline(
            id=str(uuid.uuid4()), rule_id=limit.rule_id, subject=subject,
            description=f"{limit.description}: {detail}" if detail else limit.description,
            company_id=company_id, order_no=order_no, opened_at=opened_at, due_at=due,
            status="open", met_at=None, breached_at=None,
            escalation_level=LADDER.index(held_by), limit_key=_key(limit),
            calendar=_calendar_of(limit, anchor, due, calendar),
        )
        self.session.execute(insert(self.table).values(**deadline.__dict__))
        return deadline

    def meet(self, limit: TimeLimit, subject: str, at: datetime | None = None) -> bool:
        """Mark ``limit`` met for ``subject`` (a late one stays on record as breached, then
        met -- also when the act came after the due time but before the sweep saw it)."""
        at = at or datetime.now(UTC)
        t = self.table
        late = (t.c.status == "open") & (t.c.due_at < at)
        result = self.session.execute(
            update(t)
            .where(t.c.limit_key == _key(limit), t.c.subject == subject,
                   t.c.met_at.is_(None), t.c.status != SUPERSEDED)
            .values(met_at=at,
                    breached_at=case((late, t.c.due_at), else_=t.c.breached_at),
                    status=case((late, "breached"), (t.c.status == "open", "met"),
                                else_=t.c.status))
        )
        return result.rowcount > 0

    def move(self, limit: TimeLimit, subject: str, anchor: datetime,
             calendar: WorkCalendar = DEFAULT_CALENDAR) -> Deadline | None:
        """The date an open limit counts from has moved (a forecast completion): it falls
        due by the new date. A limit met or already breached stays as it was (a breach
        stays visible); returns the moved deadline, or None if nothing moved."""
        row = self._find(limit, subject)
        if row is None or row.status != "open" or row.met_at is not None:
            return None
        due = due_at(limit, anchor, calendar)
        estimate = _calendar_of(limit, anchor, due, calendar)
        self.session.execute(update(self.table).where(self.table.c.id == row.id)
                             .values(due_at=due, calendar=estimate))
        return _to_deadline_from(_to_deadline(row), due_at=due, calendar=estimate)

    def supersede(self, limit: TimeLimit, subject: str) -> bool:
        """The limit can no longer be met as asked: the date it counted to moved (a new
        confirmed date, a new ship date) and a limit for the new date takes over. It is
        closed unmet (``superseded``, never ``met``) and climbs no further; a breach
        stays on record (breached_at)."""
        result = self.session.execute(
            update(self.table)
            .where(self.table.c.limit_key == _key(limit), self.table.c.subject == subject,
                   self.table.c.met_at.is_(None), self.table.c.status != SUPERSEDED)
            .values(status=SUPERSEDED, next_escalation_at=None))
        return result.rowcount > 0

    def reopen(self, limit: TimeLimit, subject: str) -> bool:
        """The act that met the limit was undone (a reversed payment): it is unmet again and
        breaches, or climbs on, from where it stood."""
        t = self.table
        result = self.session.execute(
            update(t).where(t.c.limit_key == _key(limit), t.c.subject == subject,
                            t.c.met_at.is_not(None))
            .values(met_at=None, status=func.coalesce(func.nullif(t.c.status, "met"), "open")))
        return result.rowcount > 0

    def for_order(self, order_no: str) -> list[Deadline]:
        rows = self.session.execute(
            select(self.table).where(self.table.c.order_no == order_no)
            .order_by(self.table.c.due_at)
        ).all()
        return [_to_deadline(row) for row in rows]

    def waiting(self, companies: list[str] | None, limit: int) -> list[Deadline]:
        """Unmet limits (open or breached) of these companies (None: all), newest first."""
        t = self.table
        query = select(t).where(t.c.met_at.is_(None), t.c.status.not_in(("met", SUPERSEDED)))
        if companies is not None:
            query = query.where(t.c.company_id.in_(companies))
        rows = self.session.execute(query.order_by(t.c.opened_at.desc()).limit(limit)).all()
        return [_to_deadline(row) for row in rows]

    def due_for_escalation(self, now: datetime) -> list[Deadline]:
        t = self.table
        rows = self.session.execute(
            select(t).where(
                t.c.met_at.is_(None), t.c.acknowledged_at.is_(None),
                or_(
                    (t.c.status == "open") & (t.c.due_at <= now),
                    (t.c.status == "breached") & (t.c.next_escalation_at <= now),
                ),
            ).order_by(t.c.due_at).limit(500)
            # Competing instances (issue 16): a limit another instance's sweep holds is
            # skipped, so each rung is climbed, and each breach emitted, once.
            .with_for_update(skip_locked=True)
        ).all()
        return [_to_deadline(row) for row in rows]

    def escalate(self, deadline: Deadline, now: datetime,
                 step: timedelta | None = None) -> Deadline:
        """One rung up; the next rung after the limit's own span (at least 30 min), or
        after `step` when given (a test's short ladder)."""
        level = deadline.escalation_level + 1
        step = step or max(deadline.due_at - deadline.opened_at, MIN_ESCALATION_STEP)
        next_at = now + step if level < len(LADDER) - 1 else None
        self.session.execute(
            update(self.table).where(self.table.c.id == deadline.id).values(
                status="breached", breached_at=deadline.breached_at or now,
                escalation_level=level, next_escalation_at=next_at,
            )
        )
        return _to_deadline_from(deadline, status="breached",
                                 breached_at=deadline.breached_at or now, escalation_level=level)

    def acknowledge(self, deadline_id: str, by: str, at: datetime | None = None
                    ) -> Deadline | None:
        """X-2: the person a breach reached acknowledges it; it climbs no further (the
        first acknowledgement stays on record). None: no such deadline."""
        self.session.execute(
            update(self.table).where(self.table.c.id == deadline_id,
                                     self.table.c.acknowledged_at.is_(None))
            .values(acknowledged_at=at or datetime.now(UTC), acknowledged_by=by))
        row = self.session.execute(select(self.table).where(self.table.c.id == deadline_id)
                                   ).first()
        return _to_deadline(row) if row else None

    def _find(self, limit: TimeLimit, subject: str):
        return self.session.execute(
            select(self.table).where(self.table.c.limit_key == _key(limit),
                                     self.table.c.subject == subject)
        ).first()


def _key(limit: TimeLimit) -> str:
    """The catalogue key the limit is found by (its rule id outside the catalogue)."""
    return limit.key or limit.rule_id


def _calendar_of(limit: TimeLimit, anchor: datetime, due: datetime,
                 calendar: WorkCalendar) -> str:
    return "estimated" if due_is_estimated(limit, anchor, due, calendar) else "official"


def _holder(deadline: Deadline) -> str | None:
    """The department the breach climbs when not the tracking service (TimeLimit.holder)."""
    limit = X1_TIME_LIMITS.get(deadline.limit_key or "")
    return (limit.holder or None) if limit else None


def sweep(uow, now: datetime | None = None, step: timedelta | None = None) -> int:
    """Escalate every limit that is due; returns how many rungs were climbed."""
    now = now or datetime.now(UTC)
    climbed = 0
    with uow:
        for deadline in uow.deadlines.due_for_escalation(now):
            escalated = uow.deadlines.escalate(deadline, now, step)
            uow.emit(
                f"{uow.service}.deadline_breached",
                DeadlineBreached(
                    deadline_id=escalated.id, rule_id=escalated.rule_id,
                    subject=escalated.subject, description=escalated.description,
                    due_at=escalated.due_at, breached_at=escalated.breached_at,
                    escalated_to=escalated.escalated_to,
                    escalation_level=escalated.escalation_level,
                    calendar=escalated.calendar,
                    department=_holder(escalated),
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
