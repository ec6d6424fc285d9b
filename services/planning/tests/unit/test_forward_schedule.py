"""Forward scheduling over work-centre calendars (PLN-5): shifts, Chinese holidays, load."""

from datetime import date, datetime, timedelta
from decimal import Decimal

import pytest

from planning.demo import master_data_from
from planning.domain.forward_schedule import Booking, Plant, design_release
from planning.scheduling.work_calendar import SHANGHAI
from servicekit.demo_data import load

pytestmark = pytest.mark.unit
MASTER = master_data_from(load()["planning"])
KYN = MASTER.product("KYN28-12")


def _at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=SHANGHAI)


def test_no_work_is_scheduled_in_the_national_day_holiday():
    # 2026-09-30 is the last working day before the 国庆节 holiday (Oct 1-7).
    plant = Plant(MASTER.centres_of("P1"), _at(date(2026, 9, 30), 9))
    placed = plant.place(KYN, Decimal("4"))
    assy, wire, test = placed.operations
    # Assembly: 4 x 240 min on 2 parallel units = 8 h; 7 h on Sep 30, the last hour on Oct 8.
    assert assy.planned_start == _at(date(2026, 9, 30), 9)
    assert assy.planned_finish == _at(date(2026, 10, 8), 9)
    assert wire.planned_finish == _at(date(2026, 10, 8), 15)
    assert test.planned_finish == _at(date(2026, 10, 9), 10)
    holiday = {date(2026, 10, d) for d in range(1, 8)}
    for op in placed.operations:
        assert op.planned_start.astimezone(SHANGHAI).date() not in holiday
        assert op.planned_finish.astimezone(SHANGHAI).date() not in holiday


def test_work_waits_for_the_committed_load_on_its_work_centre():
    monday = date(2026, 11, 30)
    busy = Booking("P1-ASSY", _at(monday, 8), _at(monday + timedelta(days=2), 17))
    plant = Plant(MASTER.centres_of("P1"), _at(monday, 8), [busy])
    placed = plant.place(KYN, Decimal("1"))
    assert placed.start == _at(monday + timedelta(days=3), 8)
    assert placed.binding_kind == "capacity"
    assert "Cabinet assembly line" in placed.binding_constraint


def test_lines_of_one_order_compete_for_the_same_work_centres():
    plant = Plant(MASTER.centres_of("P1"), _at(date(2026, 11, 30), 8))
    first = plant.place(KYN, Decimal("4"))
    second = plant.place(KYN, Decimal("4"))
    assert second.operations[0].planned_start >= first.operations[0].planned_finish


def test_design_days_are_working_days_and_production_starts_after_them():
    # Friday 2026-09-25 + 5 working days: Sep 28, 29, 30, Oct 8 (make-up), Oct 9 -> Oct 10.
    release = design_release(_at(date(2026, 9, 25), 10), 5)
    assert release == datetime(2026, 10, 10, 0, 0, tzinfo=SHANGHAI)
    assert design_release(_at(date(2026, 9, 25), 10), 0) is None
