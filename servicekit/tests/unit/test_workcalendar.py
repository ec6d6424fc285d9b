"""Company working-day calendar (rule X-1): pure tests, no I/O."""

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from servicekit.workcalendar import (
    DEFAULT_CALENDAR,
    SHANGHAI,
    WorkCalendar,
    calendar_is_exact,
    is_workday,
)

pytestmark = pytest.mark.unit

CAL = DEFAULT_CALENDAR


def sh(*args: int) -> datetime:
    return datetime(*args, tzinfo=SHANGHAI)


# ---------------------------------------------------------------- working days


def test_national_day_week_2026_is_skipped():
    # 2026-10-01..07 are holidays; 2026-09-30 (Wed) and 2026-10-08 (Thu) are workdays.
    assert all(not is_workday(date(2026, 10, day)) for day in range(1, 8))
    assert CAL.add_working_days(sh(2026, 9, 30, 10, 0), 1) == sh(2026, 10, 8, 10, 0)


def test_a_make_up_saturday_counts_as_a_working_day():
    # 2026-10-10 is a Saturday worked in lieu of the National Day holiday (调休上班).
    saturday = date(2026, 10, 10)
    assert saturday.weekday() == 5
    assert is_workday(saturday)
    assert CAL.add_working_days(sh(2026, 10, 9, 10, 0), 1) == sh(2026, 10, 10, 10, 0)
    assert CAL.is_working_time(sh(2026, 10, 10, 9, 0))


def test_the_spring_festival_make_up_saturday_counts_and_the_sunday_after_does_not():
    assert date(2026, 2, 14).weekday() == 5 and is_workday(date(2026, 2, 14))
    assert not is_workday(date(2026, 2, 15))
    assert not is_workday(date(2026, 2, 23))  # a Monday inside the Spring Festival holiday


def test_an_ordinary_weekend_is_not_working():
    assert not is_workday(date(2026, 10, 17))
    assert not is_workday(date(2026, 10, 18))
    assert is_workday(date(2026, 10, 19))


def test_five_working_days_before_a_due_date_just_after_a_holiday_lands_before_the_holiday():
    # Due Fri 2026-10-09: back over 10-08, 09-30, 09-29, 09-28 and (past Mid-Autumn
    # 09-25 and the weekend) 09-24.
    assert CAL.working_days_before(sh(2026, 10, 9, 10, 0), 5) == sh(2026, 9, 24, 10, 0)


def test_five_working_days_before_the_day_after_spring_festival_counts_the_make_up_saturday():
    # 02-14 (make-up Saturday), 02-13, 02-12, 02-11, 02-10.
    assert CAL.working_days_before(sh(2026, 2, 24, 9, 0), 5) == sh(2026, 2, 10, 9, 0)


def test_working_days_before_a_target_on_a_day_off_counts_from_the_previous_close_of_business():
    # Sunday 2026-10-18: the last working moment before it is Fri 10-16 17:00.
    assert CAL.working_days_before(sh(2026, 10, 18, 10, 0), 1) == sh(2026, 10, 15, 17, 0)
    assert CAL.working_days_before(sh(2026, 10, 18, 10, 0), 0) == sh(2026, 10, 16, 17, 0)


def test_adding_working_days_from_a_day_off_starts_at_the_next_start_of_business():
    saturday_afternoon = sh(2026, 10, 17, 15, 0)
    assert CAL.add_working_days(saturday_afternoon, 0) == sh(2026, 10, 19, 8, 0)
    assert CAL.add_working_days(saturday_afternoon, 1) == sh(2026, 10, 20, 8, 0)


def test_adding_working_days_keeps_the_local_time_of_day_even_outside_working_hours():
    assert CAL.add_working_days(sh(2026, 10, 16, 20, 30), 1) == sh(2026, 10, 19, 20, 30)


def test_a_negative_number_of_working_days_counts_backwards():
    assert CAL.add_working_days(sh(2026, 10, 9, 10, 0), -5) == sh(2026, 9, 24, 10, 0)


def test_a_fractional_number_of_working_days_is_refused():
    with pytest.raises(TypeError):
        CAL.add_working_days(sh(2026, 10, 9, 10, 0), 1.5)  # type: ignore[arg-type]


def test_working_days_between_counts_whole_working_days():
    assert CAL.working_days_between(sh(2026, 9, 30, 10, 0), sh(2026, 10, 8, 10, 0)) == 1
    assert CAL.working_days_between(sh(2026, 9, 30, 10, 0), sh(2026, 10, 8, 9, 59)) == 0
    assert CAL.working_days_between(sh(2026, 10, 8, 10, 0), sh(2026, 9, 30, 10, 0)) == -1


# ------------------------------------------------------------- fallback years


def test_a_2027_date_falls_back_and_is_flagged_as_estimated():
    assert calendar_is_exact(2026)
    assert calendar_is_exact(2004)
    assert not calendar_is_exact(2027)
    assert not calendar_is_exact(2003)
    assert not is_workday(date(2027, 1, 1))  # New Year's Day (a Friday)
    assert not is_workday(date(2027, 5, 5))  # Labour Day week
    assert is_workday(date(2027, 5, 6))
    assert not is_workday(date(2027, 10, 4))  # National Day week, a Monday
    assert not is_workday(date(2027, 1, 2))  # Saturday
    # 2027's lunar holidays are in the fallback on their known dates (Spring Festival
    # Feb 6: eve Feb 5 to Feb 11 off), the official 调休 is not: still an estimate.
    assert is_workday(date(2027, 2, 4))
    assert not is_workday(date(2027, 2, 5)) and not is_workday(date(2027, 2, 8))
    assert not is_workday(date(2027, 2, 11)) and is_workday(date(2027, 2, 12))
    assert not is_workday(date(2027, 4, 5))  # Qingming
    assert not is_workday(date(2027, 6, 9))  # Dragon Boat
    assert not is_workday(date(2027, 9, 15))  # Mid-Autumn
    assert not calendar_is_exact(2027)


def test_the_calendar_still_counts_across_into_an_estimated_year():
    # Thu 2026-12-31 + 1 working day: 2027-01-01 is estimated off, then the weekend.
    assert CAL.add_working_days(sh(2026, 12, 31, 9, 0), 1) == sh(2027, 1, 4, 9, 0)


def test_is_workday_accepts_a_datetime_and_uses_its_date():
    assert not is_workday(datetime(2026, 10, 1, 9, 0))


# ----------------------------------------------------------------- time zones


@pytest.mark.parametrize(
    "call",
    [
        lambda naive: CAL.add_working_days(naive, 1),
        lambda naive: CAL.add_working_hours(naive, 1),
        lambda naive: CAL.working_days_before(naive, 1),
        lambda naive: CAL.is_working_time(naive),
        lambda naive: CAL.next_working_time(naive),
        lambda naive: CAL.working_minutes_between(naive, sh(2026, 10, 9, 10, 0)),
        lambda naive: CAL.working_minutes_between(sh(2026, 10, 9, 10, 0), naive),
        lambda naive: CAL.working_days_between(naive, sh(2026, 10, 9, 10, 0)),
    ],
)
def test_naive_datetimes_are_refused(call):
    with pytest.raises(ValueError, match="timezone-aware"):
        call(datetime(2026, 10, 9, 10, 0))


def test_a_utc_moment_is_read_in_shanghai_and_answered_in_shanghai():
    # 2026-10-09 01:00 UTC is 09:00 in Shanghai, a working moment.
    moment = datetime(2026, 10, 9, 1, 0, tzinfo=UTC)
    assert CAL.is_working_time(moment)
    result = CAL.add_working_days(moment, 1)
    assert result == sh(2026, 10, 10, 9, 0)
    assert result.tzinfo == SHANGHAI


def test_a_calendar_accepts_a_zone_name():
    assert WorkCalendar(tz="Asia/Shanghai").tz == SHANGHAI


# -------------------------------------------------------------- working hours


def test_add_working_hours_across_the_lunch_break():
    assert CAL.add_working_hours(sh(2026, 10, 9, 11, 0), 2) == sh(2026, 10, 9, 14, 0)


def test_add_working_hours_overnight():
    assert CAL.add_working_hours(sh(2026, 10, 8, 16, 0), 2) == sh(2026, 10, 9, 9, 0)


def test_add_working_hours_over_the_national_day_holiday():
    assert CAL.add_working_hours(sh(2026, 9, 30, 16, 0), timedelta(hours=2)) == sh(
        2026, 10, 8, 9, 0
    )


def test_add_working_hours_from_a_holiday_starts_at_the_next_shift():
    assert CAL.add_working_hours(sh(2026, 10, 3, 10, 0), 1) == sh(2026, 10, 8, 9, 0)
    assert CAL.add_working_hours(sh(2026, 10, 8, 12, 30), timedelta(minutes=30)) == sh(
        2026, 10, 8, 13, 30
    )


def test_add_working_hours_ending_exactly_at_a_shift_end_returns_that_end():
    assert CAL.add_working_hours(sh(2026, 10, 8, 8, 0), 4) == sh(2026, 10, 8, 12, 0)
    assert CAL.add_working_hours(sh(2026, 10, 8, 8, 0), 8) == sh(2026, 10, 8, 17, 0)


def test_negative_working_hours_go_backwards_over_lunch_and_nights():
    assert CAL.add_working_hours(sh(2026, 10, 9, 14, 0), -2) == sh(2026, 10, 9, 11, 0)
    assert CAL.add_working_hours(sh(2026, 10, 8, 9, 0), -2) == sh(2026, 9, 30, 16, 0)


def test_working_time_includes_shift_starts_and_excludes_shift_ends():
    assert CAL.is_working_time(sh(2026, 10, 9, 8, 0))
    assert not CAL.is_working_time(sh(2026, 10, 9, 12, 0))
    assert not CAL.is_working_time(sh(2026, 10, 9, 12, 59))
    assert CAL.is_working_time(sh(2026, 10, 9, 13, 0))
    assert not CAL.is_working_time(sh(2026, 10, 9, 17, 0))
    assert not CAL.is_working_time(sh(2026, 10, 17, 10, 0))  # Saturday


def test_next_working_time():
    assert CAL.next_working_time(sh(2026, 10, 9, 10, 0)) == sh(2026, 10, 9, 10, 0)
    assert CAL.next_working_time(sh(2026, 10, 9, 12, 15)) == sh(2026, 10, 9, 13, 0)
    assert CAL.next_working_time(sh(2026, 10, 9, 17, 0)) == sh(2026, 10, 10, 8, 0)
    assert CAL.next_working_time(sh(2026, 9, 30, 18, 0)) == sh(2026, 10, 8, 8, 0)


def test_working_minutes_between():
    assert CAL.working_minutes_between(sh(2026, 10, 9, 11, 0), sh(2026, 10, 9, 14, 0)) == 120
    assert CAL.working_minutes_between(sh(2026, 10, 8, 16, 0), sh(2026, 10, 9, 9, 0)) == 120
    assert CAL.working_minutes_between(sh(2026, 9, 30, 16, 0), sh(2026, 10, 8, 9, 0)) == 120
    assert CAL.working_minutes_between(sh(2026, 10, 9, 14, 0), sh(2026, 10, 9, 11, 0)) == -120
    assert CAL.working_minutes_between(sh(2026, 10, 3, 0, 0), sh(2026, 10, 4, 0, 0)) == 0


def test_custom_shifts_are_respected():
    single = WorkCalendar(shifts=((time(9, 0), time(18, 0)),))
    assert single.add_working_hours(sh(2026, 10, 9, 17, 0), 2) == sh(2026, 10, 10, 10, 0)


def test_overlapping_or_empty_shifts_are_refused():
    with pytest.raises(ValueError):
        WorkCalendar(shifts=((time(8, 0), time(12, 0)), (time(11, 0), time(17, 0))))
    with pytest.raises(ValueError):
        WorkCalendar(shifts=())
    with pytest.raises(ValueError):
        WorkCalendar(shifts=((time(12, 0), time(8, 0)),))


def test_a_calendar_with_no_working_days_fails_instead_of_looping_forever():
    never = WorkCalendar(workday_predicate=lambda d: False)
    with pytest.raises(ValueError):
        never.add_working_days(sh(2026, 10, 9, 10, 0), 1)


# ---------------------------------------------------------------- properties

_ZONES = st.sampled_from([SHANGHAI, UTC, ZoneInfo("Europe/Berlin")])
_MOMENTS = st.datetimes(
    min_value=datetime(2004, 1, 2), max_value=datetime(2028, 12, 31), timezones=_ZONES
)


@settings(max_examples=300, deadline=None)
@given(start=_MOMENTS, n=st.integers(min_value=0, max_value=60))
def test_adding_n_working_days_then_counting_the_working_days_between_gives_n(start, n):
    assert CAL.working_days_between(start, CAL.add_working_days(start, n)) == n


@settings(max_examples=300, deadline=None)
@given(target=_MOMENTS, n=st.integers(min_value=0, max_value=60))
def test_n_working_days_before_a_target_is_n_working_days_from_it(target, n):
    earlier = CAL.working_days_before(target, n)
    assert earlier <= target
    assert CAL.working_days_between(earlier, target) == n


@settings(max_examples=300, deadline=None)
@given(start=_MOMENTS, minutes=st.integers(min_value=0, max_value=60 * 8 * 20))
def test_adding_working_hours_consumes_exactly_that_much_working_time(start, minutes):
    end = CAL.add_working_hours(start, timedelta(minutes=minutes))
    assert end >= start
    assert CAL.working_minutes_between(start, end) == minutes
