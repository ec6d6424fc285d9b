"""X-1 time limits as deadlines on the company calendar: pure tests, no I/O."""

import re
from datetime import UTC, datetime

import pytest

from servicekit.timelimits import X1_TIME_LIMITS, TimeLimit, due_at, window_opens_at
from servicekit.workcalendar import SHANGHAI

pytestmark = pytest.mark.unit

REQUIRED_KEYS = {
    "SAL-7.production_instruction",
    "SAL-8.answer_change",
    "SAL-9.follow_up",
    "PLN-1.decompose_complete_set",
    "PLN-1.decompose_other",
    "PLN-6.objection",
    "PLN-8.preparation_reminder",
    "PRC-4.supplier_confirmation",
    "PRC-4.slip_report",
    "QLT-3.react",
    "QLT-3.coordinate",
    "LOG-1.packaging_notice_set",
    "LOG-1.packaging_notice_other",
    "LOG-2.shipping_instruction",
    "LOG-4.delay_report",
    "AFS-1.forward",
    "AFS-2.contact",
}


def sh(*args: int) -> datetime:
    return datetime(*args, tzinfo=SHANGHAI)


def due(key: str, anchor: datetime) -> datetime:
    return due_at(X1_TIME_LIMITS[key], anchor)


# ----------------------------------------------------------------- catalogue


def test_the_catalogue_holds_every_x1_time_limit():
    assert set(X1_TIME_LIMITS) >= REQUIRED_KEYS


def test_every_catalogued_limit_names_its_rule_and_quotes_the_chinese_source():
    for key, limit in X1_TIME_LIMITS.items():
        assert key.split(".")[0] == limit.rule_id
        assert re.search(r"[\u4e00-\u9fff]", limit.source_zh), key
        assert limit.description


def test_the_catalogue_is_read_only():
    with pytest.raises(TypeError):
        X1_TIME_LIMITS["new"] = X1_TIME_LIMITS["AFS-1.forward"]  # type: ignore[index]


def test_limits_the_source_writes_as_working_days_are_working_days():
    assert X1_TIME_LIMITS["PLN-6.objection"].unit == "working_days"
    prc4 = X1_TIME_LIMITS["PRC-4.supplier_confirmation"]
    assert (prc4.amount, prc4.unit, prc4.anchor) == (5, "working_days", "before")


# ------------------------------------------------------------------ deadlines


# Each catalogued limit on the company calendar: (limit, anchor, due), a row per case.
DUE_ON_THE_COMPANY_CALENDAR = [
    # SAL-7: effective Wed 2026-09-30 15:00; 2 working hours left that day, 2 more on 10-08.
    pytest.param("SAL-7.production_instruction", sh(2026, 9, 30, 15, 0), sh(2026, 10, 8, 10, 0),
                 id="the production instruction of an order effective before national day "
                    "is due after it"),
    # SAL-7: effective Fri 2026-10-09 16:00; Sat 2026-10-10 is worked (调休).
    pytest.param("SAL-7.production_instruction", sh(2026, 10, 9, 16, 0), sh(2026, 10, 10, 11, 0),
                 id="the production instruction may fall on a make-up saturday"),
    # AFS-1: received 11:30, 60 working minutes: 30 before lunch, 30 after.
    pytest.param("AFS-1.forward", sh(2026, 10, 9, 11, 30), sh(2026, 10, 9, 13, 30),
                 id="forwarding a service request pauses over lunch"),
    pytest.param("AFS-2.contact", sh(2026, 10, 18, 10, 0), sh(2026, 10, 19, 10, 0),
                 id="contacting the customer received on a sunday is due two hours into monday"),
    pytest.param("QLT-3.react", sh(2026, 10, 9, 10, 0), sh(2026, 10, 9, 10, 20),
                 id="an inspection finding gets twenty working minutes"),
    pytest.param("QLT-3.coordinate", sh(2026, 10, 9, 16, 45), sh(2026, 10, 10, 8, 15),
                 id="coordinating an inspection finding gets thirty working minutes"),
    # PLN-1: "24小时" equals 24 clock hours on a weekday...
    pytest.param("PLN-1.decompose_complete_set", sh(2026, 10, 12, 10, 0),
                 sh(2026, 10, 13, 10, 0),
                 id="a complete set plan is decomposed by the same time next working day"),
    # ...and skips the weekend from a Friday.
    pytest.param("PLN-1.decompose_complete_set", sh(2026, 10, 16, 10, 0),
                 sh(2026, 10, 19, 10, 0),
                 id="a complete set plan received on a friday is decomposed by monday"),
    pytest.param("PLN-1.decompose_other", sh(2026, 10, 12, 10, 0), sh(2026, 10, 12, 15, 0),
                 id="other products are decomposed within four working hours"),
    # PRC-4: due Fri 2026-10-09 -> Thu 2026-09-24, before Mid-Autumn and National Day.
    pytest.param("PRC-4.supplier_confirmation", sh(2026, 10, 9, 8, 0), sh(2026, 9, 24, 8, 0),
                 id="supplier confirmation five working days before a due date after a holiday"),
    # LOG-1: ready on Monday 2026-10-19.
    pytest.param("LOG-1.packaging_notice_set", sh(2026, 10, 19, 8, 0), sh(2026, 10, 14, 8, 0),
                 id="packaging is told three working days before a complete set"),
    pytest.param("LOG-1.packaging_notice_other", sh(2026, 10, 19, 8, 0), sh(2026, 10, 16, 8, 0),
                 id="packaging is told one working day before other products"),
    pytest.param("LOG-2.shipping_instruction", sh(2026, 10, 19, 8, 0), sh(2026, 10, 16, 8, 0),
                 id="the shipping instruction for a monday shipment is due on friday"),
    pytest.param("LOG-4.delay_report", sh(2026, 10, 9, 10, 0), sh(2026, 10, 9, 17, 0),
                 id="a late shipment is reported by close of business the same day"),
    # Known after hours: by close of the next working day (the make-up Saturday).
    pytest.param("LOG-4.delay_report", sh(2026, 10, 9, 18, 0), sh(2026, 10, 10, 17, 0),
                 id="a late shipment known after hours is reported by close of the next "
                    "working day"),
    pytest.param("PLN-6.objection", sh(2026, 9, 30, 9, 0), sh(2026, 10, 8, 9, 0),
                 id="an objection to a plan is due one working day after receiving it"),
]


@pytest.mark.parametrize(("key", "anchor", "expected"), DUE_ON_THE_COMPANY_CALENDAR)
def test_a_catalogued_limit_falls_due_on_the_company_calendar(key, anchor, expected):
    assert due(key, anchor) == expected


def test_order_follow_up_window_is_two_to_three_working_days_before_delivery():
    limit = X1_TIME_LIMITS["SAL-9.follow_up"]
    delivery = sh(2026, 10, 20, 8, 0)  # Tuesday
    assert due_at(limit, delivery) == sh(2026, 10, 16, 8, 0)  # Friday
    assert window_opens_at(limit, delivery) == sh(2026, 10, 15, 8, 0)  # Thursday


def test_a_limit_without_a_range_has_no_window():
    assert window_opens_at(X1_TIME_LIMITS["AFS-1.forward"], sh(2026, 10, 9, 8, 0)) is None


def test_clock_units_count_nights_and_holidays():
    four_hours = TimeLimit("T-1", "clock hours", 4, "hours")
    assert due_at(four_hours, sh(2026, 9, 30, 16, 0)) == sh(2026, 9, 30, 20, 0)
    three_days_before = TimeLimit("T-2", "calendar days", 3, "calendar_days", anchor="before")
    assert due_at(three_days_before, sh(2026, 10, 9, 8, 0)) == sh(2026, 10, 6, 8, 0)
    ten_minutes_before = TimeLimit("T-3", "clock minutes", 10, "minutes", anchor="before")
    assert due_at(ten_minutes_before, sh(2026, 10, 9, 8, 0)) == sh(2026, 10, 9, 7, 50)


def test_working_hours_before_a_moment_go_back_over_the_night():
    limit = TimeLimit("T-4", "working hours before", 2, "working_hours", anchor="before")
    assert due_at(limit, sh(2026, 10, 9, 9, 0)) == sh(2026, 10, 8, 16, 0)


def test_a_utc_anchor_gives_a_deadline_in_the_company_time_zone():
    result = due("AFS-1.forward", datetime(2026, 10, 9, 2, 0, tzinfo=UTC))  # 10:00 Shanghai
    assert result == sh(2026, 10, 9, 11, 0)
    assert result.tzinfo == SHANGHAI


def test_a_naive_anchor_is_refused():
    with pytest.raises(ValueError, match="timezone-aware"):
        due("AFS-1.forward", datetime(2026, 10, 9, 10, 0))


# ----------------------------------------------------------------- validation


@pytest.mark.parametrize(
    "kwargs",
    [
        {"amount": 1, "unit": "fortnights"},
        {"amount": 1, "unit": "hours", "anchor": "around"},
        {"amount": 0, "unit": "hours"},
        {"amount": -1, "unit": "working_hours"},
        {"amount": 1.5, "unit": "working_days"},
        {"amount": 2, "unit": "working_days", "window_opens": 3},
        {"amount": 2, "unit": "working_days", "anchor": "before", "window_opens": 1},
        {"amount": 0, "unit": "end_of_working_day", "anchor": "before"},
    ],
)
def test_an_inconsistent_time_limit_is_refused(kwargs):
    with pytest.raises(ValueError):
        TimeLimit(rule_id="T-9", description="bad", **kwargs)


def test_a_time_limit_is_an_immutable_value():
    limit = X1_TIME_LIMITS["AFS-2.contact"]
    with pytest.raises(AttributeError):
        limit.amount = 3  # type: ignore[misc]
    assert limit == TimeLimit(**{f: getattr(limit, f) for f in limit.__dataclass_fields__})
