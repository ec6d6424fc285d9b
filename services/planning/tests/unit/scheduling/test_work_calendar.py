from datetime import date, datetime, time

from planning.scheduling import SHANGHAI, WorkCalendar, shift_calendar
from planning.scheduling.work_calendar import is_chinese_workday, to_datetime, to_minutes

from factories import DAY_SHIFT, ORIGIN


def test_an_operation_pauses_outside_working_time_and_resumes_at_the_next_window():
    cal = WorkCalendar(((0, 100), (200, 300)))
    assert cal.advance(90, 30) == 220
    assert cal.advance(150, 10) == 210  # a start in a break waits for the window


def test_start_segments_give_the_elapsed_span_for_every_possible_start():
    cal = WorkCalendar(((0, 100), (200, 300), (400, 500)))
    for first, last, span in cal.start_segments(30, 0, 499):
        for s in (first, last):
            assert cal.is_working(s)
            assert cal.advance(s, 30) - s == span


def test_national_day_is_a_holiday_and_make_up_saturdays_are_workdays():
    assert not is_chinese_workday(date(2026, 10, 1))
    assert is_chinese_workday(date(2026, 2, 14))  # Saturday make-up workday before Spring Festival


def test_years_beyond_the_holiday_data_fall_back_to_weekends_and_fixed_holidays():
    assert not is_chinese_workday(date(2027, 1, 1))
    assert not is_chinese_workday(date(2027, 10, 5))
    assert not is_chinese_workday(date(2027, 3, 6))  # Saturday
    assert is_chinese_workday(date(2027, 3, 8))


def test_a_day_shift_calendar_works_eight_hours_on_working_days_only():
    cal = shift_calendar(ORIGIN, 7, DAY_SHIFT)
    monday_8am = to_minutes(ORIGIN, datetime(2026, 11, 30, 8, 0, tzinfo=SHANGHAI))
    assert cal.is_working(monday_8am) and not cal.is_working(monday_8am - 1)
    assert cal.working_minutes(0, 7 * 24 * 60) == 5 * 8 * 60
    friday_end = cal.advance(monday_8am, 5 * 8 * 60)
    assert to_datetime(ORIGIN, friday_end) == datetime(2026, 12, 4, 17, 0, tzinfo=SHANGHAI)


def test_a_night_shift_runs_past_midnight():
    cal = shift_calendar(ORIGIN, 2, [(time(22, 0), time(6, 0))], workday=[ORIGIN.date()])
    assert cal.windows == ((22 * 60, 30 * 60),)
