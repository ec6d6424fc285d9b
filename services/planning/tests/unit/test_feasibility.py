"""Capable-to-promise (PLN-2): the earliest date and the binding constraint, in words."""

from datetime import date, datetime, timedelta
from decimal import Decimal

import pytest

from planning.demo import master_data_from
from planning.domain.budget import Budget
from planning.domain.errors import BeyondHorizon, CouldNotDecide, PlanningRejected
from planning.domain.feasibility import Requested, check_feasibility
from planning.domain.forward_schedule import Booking
from planning.scheduling.work_calendar import SHANGHAI
from servicekit.demo_data import load

pytestmark = pytest.mark.unit
MASTER = master_data_from(load()["planning"])
NOW = datetime(2026, 11, 30, 8, 0, tzinfo=SHANGHAI)  # a Monday


def _check(quantity="2", requested=date(2027, 1, 29), product="KYN28-12", design_days=0,
           company="P1", bookings=(), budget=None):
    return check_feasibility(company, [Requested(product, Decimal(quantity), requested)],
                             design_days, MASTER, list(bookings), NOW, budget)


def test_on_an_empty_plant_the_slowest_material_binds():
    answer = _check()
    assert answer.feasible
    assert answer.binding_kind == "material"
    # BRK-VS1-12 has the longest lead time of the KYN28-12 BOM: 15 working days, counted
    # on the group's calendar as procurement counts them (Mon 30 Nov + 15 = Mon 21 Dec).
    assert "BRK-VS1-12" in answer.binding_constraint
    assert "15 working days" in answer.binding_constraint
    assert answer.earliest_date == date(2026, 12, 22)
    assert answer.lines[0].earliest_date == date(2026, 12, 22)


def test_a_work_centre_booked_beyond_the_material_arrival_binds():
    busy_until = NOW + timedelta(days=45)
    answer = _check(requested=date(2026, 12, 31), bookings=[Booking("P1-ASSY", NOW, busy_until)])
    assert not answer.feasible
    assert answer.binding_kind == "capacity"
    assert "Cabinet assembly line" in answer.binding_constraint
    assert answer.earliest_date > busy_until.date()


def test_design_time_of_a_non_regular_order_binds_when_longer_than_the_lead_times():
    answer = _check(design_days=30, requested=date(2026, 12, 31))
    assert not answer.feasible
    assert answer.binding_kind == "design"
    assert "30 working days" in answer.binding_constraint


def test_an_order_too_big_for_the_plant_is_bound_by_capacity_not_by_its_material():
    answer = _check(quantity="200", requested=date(2026, 12, 31))
    assert not answer.feasible
    assert answer.binding_kind == "capacity"
    assert "needs 400 h" in answer.binding_constraint


def test_an_unknown_product_or_another_companys_product_is_rejected():
    with pytest.raises(PlanningRejected):
        _check(product="NOPE")
    with pytest.raises(PlanningRejected):
        _check(product="SC-500", company="P1")


def test_work_the_plant_cannot_finish_within_the_horizon_is_refused_not_a_crash():
    # issue 8.3: 2,000 cabinets need ~2,000 h of the single test bay: beyond 800 days
    with pytest.raises(BeyondHorizon, match="horizon of 800 days"):
        _check(quantity="2000")


def test_a_spent_budget_stops_the_computation_with_a_clear_refusal():
    with pytest.raises(CouldNotDecide, match="budget of 0 s"):
        _check(budget=Budget(0))
