"""Working calendars: the one place that knows about dates, shifts and Chinese holidays (PLN-5).

Inside the engine time is an integer number of minutes from a horizon origin (a timezone-aware
datetime). A work centre's calendar is a sorted tuple of disjoint working windows
``[start, end)`` in those minutes.

The calendar rule, which the checker verifies: **an operation consumes only working minutes**.
It starts on a working minute; its processing pauses outside shift time and resumes at the next
shift, and the work centre stays reserved for it across the pause (a half-machined part stays on
the machine). So each operation occupies the elapsed interval ``[start, end)`` exclusively on its
work centre, and ``end == calendar.advance(start, duration)``.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, timezone

import chinese_calendar

# China has had no daylight-saving time since 1991, so a fixed +08:00 offset is exact, and it
# avoids reading the system tz database (the engine does no I/O).
SHANGHAI = timezone(timedelta(hours=8), "Asia/Shanghai")

# "Open forever" for calendars without breaks (benchmarks, outsourced work): large but far
# inside CP-SAT's int64 domain.
OPEN_END = 2**40


class CalendarExhausted(ValueError):
    """The calendar's horizon ends before the work could be placed or finished."""


@dataclass(frozen=True)
class WorkCalendar:
    windows: tuple[tuple[int, int], ...]
    _starts: list[int] = field(init=False, repr=False, compare=False)
    _ends: list[int] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        merged: list[tuple[int, int]] = []
        for start, end in sorted(self.windows):
            if end <= start:
                continue
            if merged and start <= merged[-1][1]:
                merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
            else:
                merged.append((start, end))
        object.__setattr__(self, "windows", tuple(merged))
        object.__setattr__(self, "_starts", [w[0] for w in merged])
        object.__setattr__(self, "_ends", [w[1] for w in merged])

    @classmethod
    def always_open(cls) -> WorkCalendar:
        return cls(((0, OPEN_END),))

    @property
    def is_always_open(self) -> bool:
        return len(self.windows) == 1 and self.windows[0][0] <= 0

    def is_working(self, t: int) -> bool:
        i = bisect.bisect_right(self._starts, t) - 1
        return i >= 0 and t < self._ends[i]

    def next_working(self, t: int) -> int:
        """Earliest working minute at or after ``t``."""
        i = bisect.bisect_right(self._starts, t) - 1
        if i >= 0 and t < self._ends[i]:
            return t
        if i + 1 >= len(self._starts):
            raise CalendarExhausted(f"calendar has no working time after minute {t}")
        return self._starts[i + 1]

    def advance(self, start: int, minutes: int) -> int:
        """End of an operation started at ``start`` (snapped to working time) that needs
        ``minutes`` working minutes."""
        t = self.next_working(start)
        i = bisect.bisect_right(self._starts, t) - 1
        while True:
            available = self._ends[i] - t
            if minutes <= available:
                return t + minutes
            minutes -= available
            i += 1
            if i >= len(self._starts):
                raise CalendarExhausted("calendar ends before the operation could finish")
            t = self._starts[i]

    def working_minutes(self, start: int, end: int) -> int:
        """Working minutes inside ``[start, end)``: the capacity a work centre offers."""
        total = 0
        i = max(0, bisect.bisect_right(self._starts, start) - 1)
        while i < len(self._starts) and self._starts[i] < end:
            total += max(0, min(end, self._ends[i]) - max(start, self._starts[i]))
            i += 1
        return total

    def start_segments(self, duration: int, lo: int, hi: int) -> list[tuple[int, int, int]]:
        """Split the possible starts in ``[lo, hi]`` into runs ``(first, last, span)`` on which
        the elapsed span ``advance(s, duration) - s`` is constant. CP-SAT models an operation
        under a calendar as "start in one of these runs, end = start + that run's span"."""
        segments: list[tuple[int, int, int]] = []
        i = max(0, bisect.bisect_right(self._starts, lo) - 1)
        while i < len(self._starts) and self._starts[i] <= hi:
            s = max(lo, self._starts[i])
            last_in_window = min(hi, self._ends[i] - 1)
            while s <= last_in_window:
                try:
                    end = self.advance(s, duration)
                except CalendarExhausted:  # too close to the calendar's end to finish at all
                    return segments
                j = bisect.bisect_left(self._ends, end)  # window holding the end, end in (a, b]
                last = min(last_in_window, s + self._ends[j] - end)
                segments.append((s, last, end - s))
                s = last + 1
            i += 1
        return segments


def is_chinese_workday(day: date) -> bool:
    """Statutory working day in mainland China, including make-up workdays (调休).

    ``chinese_calendar`` only knows the years the State Council has published (2004-2026 in
    the installed version) and raises for later years. Beyond its data we fall back to
    weekends off plus the fixed-date statutory holidays (New Year's Day, May 1-5, October 1-7),
    without the moving lunar holidays or make-up workdays: a planner should treat such far
    dates as provisional.
    """
    try:
        return chinese_calendar.is_workday(day)
    except NotImplementedError:
        if day.weekday() >= 5:
            return False
        fixed = (day.month, day.day) == (1, 1) or (day.month == 5 and day.day <= 5)
        return not (fixed or (day.month == 10 and day.day <= 7))


def to_minutes(origin: datetime, moment: datetime) -> int:
    return int((moment - origin).total_seconds() // 60)


def to_datetime(origin: datetime, minutes: int) -> datetime:
    return (origin + timedelta(minutes=minutes)).astimezone(SHANGHAI)


def format_minutes(origin: datetime | None, minutes: int) -> str:
    if origin is None:
        return f"minute {minutes}"
    return to_datetime(origin, minutes).strftime("%Y-%m-%d %H:%M")


def shift_calendar(
    origin: datetime,
    days: int,
    shifts: Sequence[tuple[time, time]],
    workday: Iterable[date] | None = None,
) -> WorkCalendar:
    """Calendar of ``days`` days from ``origin``'s date in Shanghai time, with the given shifts
    (local times; a shift ending at or before its start runs past midnight) on Chinese working
    days, or on the explicitly listed ``workday`` dates."""
    if origin.tzinfo is None:
        raise ValueError("origin must be timezone-aware")
    first = origin.astimezone(SHANGHAI).date()
    allowed = set(workday) if workday is not None else None
    windows = []
    for offset in range(days):
        day = first + timedelta(days=offset)
        if not (day in allowed if allowed is not None else is_chinese_workday(day)):
            continue
        for begin, finish in shifts:
            start = datetime.combine(day, begin, SHANGHAI)
            end_day = day if finish > begin else day + timedelta(days=1)
            end = datetime.combine(end_day, finish, SHANGHAI)
            windows.append((max(0, to_minutes(origin, start)), to_minutes(origin, end)))
    return WorkCalendar(tuple(windows))
