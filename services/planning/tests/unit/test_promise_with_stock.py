"""Capable-to-promise with stock on hand, group-wide, and working-day lead times (PLN-2)."""

from datetime import date, datetime
from decimal import Decimal

import pytest

from planning.demo import master_data_from
from planning.domain.feasibility import Requested, check_feasibility
from planning.domain.material_promise import (
    TRANSFER_WORKING_DAYS,
    StockFact,
    Supply,
)
from planning.scheduling.work_calendar import SHANGHAI
from servicekit.demo_data import load
from servicekit.workcalendar import DEFAULT_CALENDAR

pytestmark = pytest.mark.unit
MASTER = master_data_from(load()["planning"])
NOW = datetime(2026, 11, 30, 8, 0, tzinfo=SHANGHAI)  # a Monday
BREAKER = "BRK-VS1-12"  # the KYN28-12's slowest material: 15 working days to buy


def _promise(stock=(), quantity="2", open_supply=None):
    supply = Supply.of(stock, open_supply)
    answer = check_feasibility("P1", [Requested("KYN28-12", Decimal(quantity),
                                                date(2027, 3, 1))],
                               0, MASTER, [], NOW, supply=supply)
    return answer.lines[0]


def _all_but_the_breaker_in_own_store(quantity="2"):
    q = Decimal(quantity)
    return [StockFact("P1", code, need * q) for code, need in
            [("CU-BAR-10x100", Decimal("12.5")), ("ENC-KYN28", 1), ("CRATE-L", 1)]]


def _breaker(line):
    return next(step for step in line.pegging if step.subject == BREAKER)


def test_material_in_a_sister_companys_stock_is_promised_earlier_than_buying_it():
    own = _all_but_the_breaker_in_own_store()
    bought = _promise(own)
    transferred = _promise(own + [StockFact("P2", BREAKER, Decimal(5))])

    assert transferred.earliest_date < bought.earliest_date
    step = _breaker(transferred)
    assert step.source == "sister_stock" and "P2" in step.sentence
    assert step.ready_at == DEFAULT_CALENDAR.add_working_days(NOW, TRANSFER_WORKING_DAYS)
    assert _breaker(bought).source == "purchase" and _breaker(bought).binding


def test_with_the_sister_stock_gone_the_promise_moves_by_the_lead_time_in_working_days():
    own = _all_but_the_breaker_in_own_store()
    before = _promise(own + [StockFact("P2", BREAKER, Decimal(5))])
    after = _promise(own + [StockFact("P2", BREAKER, Decimal(0))])

    arrival = DEFAULT_CALENDAR.add_working_days(NOW, 15)
    assert _breaker(after).ready_at == arrival
    moved = DEFAULT_CALENDAR.working_days_between(_breaker(before).ready_at,
                                                  _breaker(after).ready_at)
    assert moved == 15 - TRANSFER_WORKING_DAYS
    assert after.earliest_date > before.earliest_date


def test_own_stock_comes_first_and_needs_no_wait():
    own = _all_but_the_breaker_in_own_store() + [StockFact("P1", BREAKER, Decimal(2)),
                                                 StockFact("P2", BREAKER, Decimal(9))]
    line = _promise(own)
    assert _breaker(line).source == "own_stock"
    assert line.binding_kind == "none"
    assert line.earliest_date == date(2026, 12, 1)  # 8.5 h of work from Monday 08:00


def test_a_store_that_cannot_cover_the_whole_quantity_does_not_count():
    # PRC-1/3: one store covers a request whole, or it is bought
    line = _promise(_all_but_the_breaker_in_own_store() + [StockFact("P2", BREAKER, Decimal(1))])
    assert _breaker(line).source == "purchase"


def test_open_supply_confirmed_for_the_order_counts_at_its_confirmed_date():
    line = _promise(_all_but_the_breaker_in_own_store(), open_supply={BREAKER: date(2026, 12, 4)})
    step = _breaker(line)
    assert step.source == "open_supply"
    assert step.ready_at.date() == date(2026, 12, 4)


def test_two_lines_cannot_both_be_promised_the_same_stock():
    supply = Supply.of([StockFact("P2", BREAKER, Decimal(2))])
    answer = check_feasibility("P1", [Requested("KYN28-12", Decimal(2), date(2027, 3, 1)),
                                      Requested("KYN28-12", Decimal(2), date(2027, 3, 1))],
                               0, MASTER, [], NOW, supply=supply)
    sources = [_breaker(line).source for line in answer.lines]
    assert sources == ["sister_stock", "purchase"]


def test_the_pegging_names_every_operation_with_its_work_centre_and_times():
    line = _promise(_all_but_the_breaker_in_own_store())
    ops = [step for step in line.pegging if step.kind == "operation"]
    assert [op.subject for op in ops] == ["P1-ASSY", "P1-WIRE", "P1-TEST"]
    assert all(op.start_at < op.ready_at for op in ops)
    assert ops[0].start_at >= _breaker(line).ready_at  # production waits for the breaker
    assert sum(step.binding for step in line.pegging) == 1
