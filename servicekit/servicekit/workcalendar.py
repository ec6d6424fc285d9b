"""Company working-day calendar (rule X-1).

Pure module: standard library plus ``chinese_calendar`` only, so that domain code
(planning, procurement, ...) can import it without pulling in the service runtime.

Working days come from the official Chinese holiday schedule (法定节假日 and the
make-up working days, 调休上班) as published in ``chinese_calendar``.  Time limits of
the process documents are tracked as deadlines against a :class:`WorkCalendar`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from functools import cache, lru_cache
from zoneinfo import ZoneInfo

import chinese_calendar

__all__ = [
    "DEFAULT_CALENDAR",
    "DEFAULT_SHIFTS",
    "SHANGHAI",
    "WorkCalendar",
    "calendar_is_exact",
    "is_workday",
]

SHANGHAI = ZoneInfo("Asia/Shanghai")

#: Default working hours: 08:00-12:00 and 13:00-17:00 (8 hours, lunch break 12-13).
DEFAULT_SHIFTS: tuple[tuple[time, time], ...] = (
    (time(8, 0), time(12, 0)),
    (time(13, 0), time(17, 0)),
)

# A calendar whose predicate never (or almost never) yields a working day would make
# every search loop forever; give up after this many consecutive days.
_MAX_SEARCH_DAYS = 3 * 366


@cache
def calendar_is_exact(year: int) -> bool:
    """True when ``chinese_calendar`` has the official schedule for ``year``.

    When False, :func:`is_workday` answers with the estimated fallback below and any
    deadline that falls in that year should be shown as *estimated*.
    """
    try:
        chinese_calendar.is_workday(date(year, 1, 1))
    except NotImplementedError:
        return False
    return True


# Fallback for years outside the package's data (v1.11 covers 2004-2026 only; the State
# Council publishes each year's schedule around November of the year before):
#   * Saturdays and Sundays are days off;
#   * the fixed-date statutory holidays are days off: New Year's Day (Jan 1), Labour
#     Day week (May 1-5) and National Day week (Oct 1-7).
#   * the lunar-calendar holidays of the years listed in _FALLBACK_LUNAR_HOLIDAYS, on their
#     astronomically known dates (Spring Festival: the eve and the six days after it).
# Not covered, hence only an estimate: the official span of those holidays and every
# make-up working day (调休上班) on a weekend, which the State Council decides each year.
# Deadlines computed over such a year are marked "estimated" (servicekit.deadlines,
# docs/time-limits.md).  Upgrade ``chinese_calendar`` every year to make those years exact.
_FALLBACK_HOLIDAYS: frozenset[tuple[int, int]] = frozenset(
    [(1, 1)] + [(5, day) for day in range(1, 6)] + [(10, day) for day in range(1, 8)]
)


def _days(first: date, count: int = 1) -> list[date]:
    return [first + timedelta(days=n) for n in range(count)]


# Lunar-calendar statutory holidays by year, from the lunar and solar-term dates:
# 2027: Spring Festival Feb 6 (eve Feb 5 .. Feb 11), Qingming Apr 5, Dragon Boat Jun 9,
# Mid-Autumn Sep 15.
_FALLBACK_LUNAR_HOLIDAYS: dict[int, frozenset[date]] = {
    2027: frozenset(_days(date(2027, 2, 5), 7) + [date(2027, 4, 5), date(2027, 6, 9),
                                                   date(2027, 9, 15)]),
}


def _estimated_is_workday(d: date) -> bool:
    return (d.weekday() < 5 and (d.month, d.day) not in _FALLBACK_HOLIDAYS
            and d not in _FALLBACK_LUNAR_HOLIDAYS.get(d.year, frozenset()))


@lru_cache(maxsize=16384)
def _cached_is_workday(d: date) -> bool:
    if calendar_is_exact(d.year):
        return chinese_calendar.is_workday(d)
    return _estimated_is_workday(d)


def is_workday(d: date) -> bool:
    """Whether ``d`` is a working day in mainland China (holidays and 调休 included).

    A ``datetime`` is reduced to its date as given (no time-zone conversion).
    Outside the years known to ``chinese_calendar`` the answer is an estimate; see
    :func:`calendar_is_exact`.
    """
    if isinstance(d, datetime):
        d = d.date()
    if not isinstance(d, date):
        raise TypeError(f"expected a date, got {type(d).__name__}")
    return _cached_is_workday(d)


def _require_aware(dt: datetime, name: str = "datetime") -> datetime:
    if not isinstance(dt, datetime):
        raise TypeError(f"{name} must be a datetime, got {type(dt).__name__}")
    if dt.tzinfo is None or dt.utcoffset() is None:
        raise ValueError(f"{name} must be timezone-aware, got naive {dt.isoformat()}")
    return dt


@dataclass(frozen=True)
class WorkCalendar:
    """Working days and working hours of a company.

    * ``tz``: the company's time zone; a zone name (``"Asia/Shanghai"``) is accepted.
    * ``shifts``: the working hours of every working day, as ordered, non-overlapping
      ``(start, end)`` local times; the gaps between them (lunch) are not working time.
    * ``workday_predicate``: which dates are working days.

    Every method takes and returns timezone-aware datetimes (naive ones raise
    ``ValueError``); results are expressed in the calendar's time zone.
    """

    tz: tzinfo = SHANGHAI
    shifts: tuple[tuple[time, time], ...] = DEFAULT_SHIFTS
    workday_predicate: Callable[[date], bool] = is_workday

    def __post_init__(self) -> None:
        if isinstance(self.tz, str):
            object.__setattr__(self, "tz", ZoneInfo(self.tz))
        if not isinstance(self.tz, tzinfo):
            raise TypeError(f"tz must be a tzinfo or a zone name, got {self.tz!r}")
        shifts = tuple((start, end) for start, end in self.shifts)
        if not shifts:
            raise ValueError("a work calendar needs at least one shift")
        previous_end: time | None = None
        for start, end in shifts:
            if not (isinstance(start, time) and isinstance(end, time)):
                raise TypeError(f"shift bounds must be datetime.time, got {(start, end)!r}")
            if start.tzinfo is not None or end.tzinfo is not None:
                raise ValueError("shift times are local wall-clock times: no tzinfo")
            if not start < end:
                raise ValueError(f"shift must start before it ends: {start}-{end}")
            if previous_end is not None and start < previous_end:
                raise ValueError("shifts must be in order and must not overlap")
            previous_end = end
        object.__setattr__(self, "shifts", shifts)

    # ------------------------------------------------------------------ basics

    def is_workday(self, d: date) -> bool:
        """Whether the local date ``d`` is a working day of this calendar."""
        return bool(self.workday_predicate(d))

    def is_exact(self, d: date) -> bool:
        """Whether this calendar's answer for ``d`` is official (X-1): the company calendar
        is an estimate in a year ``chinese_calendar`` has no schedule for; a calendar with
        its own predicate is taken as exact."""
        return calendar_is_exact(d.year) if self.workday_predicate is is_workday else True

    def local(self, dt: datetime) -> datetime:
        """``dt`` (aware) expressed in the calendar's time zone."""
        return _require_aware(dt).astimezone(self.tz)

    def start_of_business(self, d: date) -> datetime:
        """Start of the first shift on local date ``d`` (whether or not it is a workday)."""
        return datetime.combine(d, self.shifts[0][0], tzinfo=self.tz)

    def close_of_business(self, d: date) -> datetime:
        """End of the last shift on local date ``d`` (whether or not it is a workday)."""
        return datetime.combine(d, self.shifts[-1][1], tzinfo=self.tz)

    def next_workday(self, d: date) -> date:
        """The first working day strictly after ``d``."""
        return self._step_workday(d, +1)

    def previous_workday(self, d: date) -> date:
        """The last working day strictly before ``d``."""
        return self._step_workday(d, -1)

    def _step_workday(self, d: date, step: int) -> date:
        for _ in range(_MAX_SEARCH_DAYS):
            d = d + timedelta(days=step)
            if self.is_workday(d):
                return d
        raise ValueError(f"no working day within {_MAX_SEARCH_DAYS} days of {d}")

    def _intervals(self, d: date) -> list[tuple[datetime, datetime]]:
        """Working intervals of local date ``d`` as UTC datetimes (empty on days off)."""
        if not self.is_workday(d):
            return []
        return [
            (
                datetime.combine(d, start, tzinfo=self.tz).astimezone(UTC),
                datetime.combine(d, end, tzinfo=self.tz).astimezone(UTC),
            )
            for start, end in self.shifts
        ]

    # ------------------------------------------------------------ working time

    def is_working_time(self, dt: datetime) -> bool:
        """Whether ``dt`` falls inside a shift (start inclusive, end exclusive) of a workday."""
        local = self.local(dt)
        moment = local.astimezone(UTC)
        return any(start <= moment < end for start, end in self._intervals(local.date()))

    def next_working_time(self, dt: datetime) -> datetime:
        """``dt`` itself if it is working time, else the start of the next shift."""
        moment = self._next_working_utc(_require_aware(dt).astimezone(UTC))
        return moment.astimezone(self.tz)

    def previous_working_time(self, dt: datetime) -> datetime:
        """``dt`` itself if it is working time or a shift end, else the end of the last shift."""
        moment = self._previous_working_utc(_require_aware(dt).astimezone(UTC))
        return moment.astimezone(self.tz)

    def _next_working_utc(self, moment: datetime) -> datetime:
        d = moment.astimezone(self.tz).date()
        for _ in range(_MAX_SEARCH_DAYS):
            for start, end in self._intervals(d):
                if moment < end:
                    return max(moment, start)
            d += timedelta(days=1)
        raise ValueError(f"no working time within {_MAX_SEARCH_DAYS} days of {moment}")

    def _previous_working_utc(self, moment: datetime) -> datetime:
        d = moment.astimezone(self.tz).date()
        for _ in range(_MAX_SEARCH_DAYS):
            for start, end in reversed(self._intervals(d)):
                if moment > start:
                    return min(moment, end)
            d -= timedelta(days=1)
        raise ValueError(f"no working time within {_MAX_SEARCH_DAYS} days before {moment}")

    def add_working_hours(self, start: datetime, hours: float | timedelta) -> datetime:
        """The moment after ``hours`` of working time (shift time only) from ``start``.

        ``hours`` is a number of hours or a ``timedelta``.  Outside working time the
        clock starts at the next shift; a limit that ends exactly at the end of a shift
        returns that end (e.g. 08:00 + 4 h = 12:00, not 13:00).  A negative amount goes
        backwards, starting from the previous working time.
        """
        amount = hours if isinstance(hours, timedelta) else timedelta(hours=hours)
        moment = _require_aware(start, "start").astimezone(UTC)
        forward = amount >= timedelta(0)
        return self._walk(moment, abs(amount), forward=forward).astimezone(self.tz)

    def _walk(self, moment: datetime, amount: timedelta, *, forward: bool) -> datetime:
        """The moment ``amount`` of working time after (or before) ``moment``, shift by shift."""
        working = self._next_working_utc if forward else self._previous_working_utc
        shift_edge = self._interval_end if forward else self._interval_start
        direction = 1 if forward else -1
        remaining = amount
        moment = working(moment)
        while True:
            edge = shift_edge(moment)
            available = abs(edge - moment)
            if remaining <= available:
                return moment + direction * remaining
            remaining -= available
            moment = working(edge)

    def _interval_end(self, moment: datetime) -> datetime:
        for start, end in self._intervals(moment.astimezone(self.tz).date()):
            if start <= moment < end:
                return end
        raise AssertionError("moment is not working time")  # pragma: no cover

    def _interval_start(self, moment: datetime) -> datetime:
        for start, end in self._intervals(moment.astimezone(self.tz).date()):
            if start < moment <= end:
                return start
        raise AssertionError("moment is not working time")  # pragma: no cover

    def working_time_between(self, a: datetime, b: datetime) -> timedelta:
        """Working time in ``[a, b)``; negative when ``b`` is before ``a``."""
        a_utc = _require_aware(a, "a").astimezone(UTC)
        b_utc = _require_aware(b, "b").astimezone(UTC)
        if b_utc < a_utc:
            return -self.working_time_between(b, a)
        total = timedelta(0)
        d = a_utc.astimezone(self.tz).date()
        last = b_utc.astimezone(self.tz).date()
        while d <= last:
            for start, end in self._intervals(d):
                overlap = min(end, b_utc) - max(start, a_utc)
                if overlap > timedelta(0):
                    total += overlap
            d += timedelta(days=1)
        return total

    def working_minutes_between(self, a: datetime, b: datetime) -> float:
        """Working minutes in ``[a, b)`` (shift time only); negative when ``b < a``."""
        return self.working_time_between(a, b) / timedelta(minutes=1)

    # ------------------------------------------------------------- working days

    def add_working_days(self, start: datetime, n: int) -> datetime:
        """The same local time of day ``n`` working days after ``start``.

        Only working days are counted.  If ``start`` is on a non-working day, counting
        starts from the next working day's start of business (Saturday 15:00 + 1 working
        day = Tuesday 08:00 in a Monday-Friday week; + 0 = Monday 08:00).
        A negative ``n`` is :meth:`working_days_before` with ``-n``.
        """
        n = _require_int(n)
        if n < 0:
            return self.working_days_before(start, -n)
        local = self._normalise_forward(self.local(start))
        d = local.date()
        for _ in range(n):
            d = self.next_workday(d)
        return datetime.combine(d, local.time(), tzinfo=self.tz)

    def working_days_before(self, target: datetime, n: int) -> datetime:
        """The moment ``n`` working days before ``target`` (same local time of day).

        For reminders such as "5 working days before the due date" (rule PRC-4).  If
        ``target`` is on a non-working day, counting starts from the previous working
        day's close of business (no working time lies between that and ``target``).
        """
        n = _require_int(n)
        if n < 0:
            return self.add_working_days(target, -n)
        local = self.local(target)
        if not self.is_workday(local.date()):
            local = self.close_of_business(self.previous_workday(local.date()))
        d = local.date()
        for _ in range(n):
            d = self.previous_workday(d)
        return datetime.combine(d, local.time(), tzinfo=self.tz)

    def working_days_between(self, a: datetime, b: datetime) -> int:
        """Whole working days from ``a`` to ``b``: the largest ``k`` with
        ``add_working_days(a, k) <= b``.  Negative (mirrored) when ``b`` is before ``a``.
        """
        a_local = self.local(a)
        b_local = self.local(b)
        if b_local.astimezone(UTC) < a_local.astimezone(UTC):
            return -self.working_days_between(b, a)
        a_local = self._normalise_forward(a_local)
        if b_local.astimezone(UTC) <= a_local.astimezone(UTC):
            return 0
        count = 0
        d = a_local.date()
        end = b_local.date()
        while True:
            d = self.next_workday(d)
            if d > end:
                break
            count += 1
        if self.is_workday(end) and b_local.time() < a_local.time() and end > a_local.date():
            count -= 1
        return count

    def _normalise_forward(self, local: datetime) -> datetime:
        """A local moment on a non-working day becomes the next workday's start of business."""
        if self.is_workday(local.date()):
            return local
        return self.start_of_business(self.next_workday(local.date()))


def _require_int(n: int) -> int:
    if isinstance(n, bool) or not isinstance(n, int):
        raise TypeError(f"a number of working days must be an int, got {n!r}")
    return n


#: The company calendar: Asia/Shanghai, 08:00-12:00 and 13:00-17:00, Chinese workdays.
DEFAULT_CALENDAR = WorkCalendar()
