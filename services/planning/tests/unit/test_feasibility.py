"""Capable-to-promise (PLN-2): the earliest date and the binding constraint, in words."""

from datetime import date, datetime, timedelta

import pytest

from contracts.errors import InvalidRequest
from contracts.rpc.planning import FeasibilityQuery
from planning.demo import master_data_from
from planning.domain.feasibility import check_feasibility
from planning.domain.forward_schedule import Booking
from planning.scheduling.work_calendar import SHANGHAI
from servicekit.demo_data import load

pytestmark = pytest.mark.unit
MASTER = master_data_from(load()["planning"])
NOW = datetime(2026, 11, 30, 8, 0, tzinfo=SHANGHAI)  # a Monday


def _query(quantity="2", requested=date(2027, 1, 29), product="KYN28-12", design_days=0,
           company="P1"):
    return FeasibilityQuery(company_id=company, design_days=design_days, lines=[
        {"product_code": product, "quantity": quantity, "requested_date": requested}])


def test_on_an_empty_plant_the_slowest_material_binds():
    answer = check_feasibility(_query(), MASTER, [], NOW)
    assert answer.feasible
    assert answer.binding_kind == "material"
    # BRK-VS1-12 has the longest lead time of the KYN28-12 BOM: 15 days.
    assert "BRK-VS1-12" in answer.binding_constraint
    assert "15 days" in answer.binding_constraint
    assert answer.earliest_date == date(2026, 12, 16)
    assert answer.per_line[0]["earliest_date"] == "2026-12-16"


def test_a_work_centre_booked_beyond_the_material_arrival_binds():
    busy_until = NOW + timedelta(days=45)
    answer = check_feasibility(_query(requested=date(2026, 12, 31)), MASTER,
                               [Booking("P1-ASSY", NOW, busy_until)], NOW)
    assert not answer.feasible
    assert answer.binding_kind == "capacity"
    assert "Cabinet assembly line" in answer.binding_constraint
    assert answer.earliest_date > busy_until.date()


def test_design_time_of_a_non_regular_order_binds_when_longer_than_the_lead_times():
    answer = check_feasibility(_query(design_days=30, requested=date(2026, 12, 31)), MASTER,
                               [], NOW)
    assert not answer.feasible
    assert answer.binding_kind == "design"
    assert "30 working days" in answer.binding_constraint


def test_an_order_too_big_for_the_plant_is_bound_by_capacity_not_by_its_material():
    answer = check_feasibility(_query(quantity="200", requested=date(2026, 12, 31)), MASTER,
                               [], NOW)
    assert not answer.feasible
    assert answer.binding_kind == "capacity"
    assert "needs 400 h" in answer.binding_constraint


def test_an_unknown_product_or_another_companys_product_is_an_invalid_request():
    with pytest.raises(InvalidRequest):
        check_feasibility(_query(product="NOPE"), MASTER, [], NOW)
    with pytest.raises(InvalidRequest):
        check_feasibility(_query(product="SC-500", company="P1"), MASTER, [], NOW)
