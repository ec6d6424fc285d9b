"""PLN-13 closing and PLN-14 statistics, the pure calculations."""

from datetime import date, datetime, time, timedelta
from decimal import Decimal

import pytest

from planning.domain import closing, statistics
from planning.domain.errors import PlanningRejected, StepRefused
from planning.domain.master_data import BomLine, Product, RoutingStep, WorkCentreSpec
from planning.domain.plan import Plan
from planning.domain.rework_orders import ReworkOrder
from planning.domain.work_orders import DONE, PlannedOperation, WorkOrder
from planning.scheduling.work_calendar import SHANGHAI

pytestmark = pytest.mark.unit
MONDAY = date(2026, 11, 2)  # a working day in China, as is the rest of that week


def at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), SHANGHAI)


def work_order(no, product, qty, *, finish, done=None, ops=(), order="SO-1") -> WorkOrder:
    wo = WorkOrder(no, "PL-1", order, "P1", int(no[-1]), product, Decimal(qty),
                   finish - timedelta(hours=8), finish, "P1-ASSY", operations=tuple(ops))
    if done is not None:
        wo.status, wo.completed_quantity, wo.done_at = DONE, Decimal(qty), done
    return wo


def record(no, kind, qty, *, product="KYN28-12", order="SO-1", created=None) -> ReworkOrder:
    return ReworkOrder(no, kind, "P1", order, f"NCR-{no}", "cracked", created or at(MONDAY, 9),
                       product_code=product, quantity=None if qty is None else Decimal(qty))


def stocked_plan(stocked_at=None) -> Plan:
    plan = Plan("PL-1", "SO-1", "P1", "PI-1", at(MONDAY, 8), at(MONDAY, 8),
                planned_completion=at(MONDAY + timedelta(days=3), 17), work_orders=[
                    work_order("WO-1", "KYN28-12", 4, finish=at(MONDAY, 17), done=at(MONDAY, 16)),
                    work_order("WO-2", "GGD-400", 2, finish=at(MONDAY, 17), done=at(MONDAY, 16))])
    plan.stocked(f"FG-{plan.order_no}", stocked_at or at(MONDAY + timedelta(days=1), 10))
    return plan


MINUTES = {"KYN28-12": 480, "GGD-400": 120}
ENTRY = closing.CostEntry(actual_cost=Decimal("51234.50"), planned_cost=Decimal("50000.00"),
                          actual_hours=Decimal("30"))


def close(plan, records=(), entry=ENTRY):
    return closing.close(plan, records, MINUTES, entry, closing_no="CLS-P1-000001",
                         by="planner.p1", at=at(MONDAY + timedelta(days=2), 9))


def test_closing_reconciles_planned_produced_scrapped_and_good_quantity():  # rule PLN-13
    plan = stocked_plan()
    done = close(plan, [record("SCR-1", "scrap", "1"), record("RWO-1", "rework", "2"),
                        record("SCR-2", "scrap", "1", order="SO-other")])
    by_product = {line.product_code: line for line in done.lines}
    kyn = by_product["KYN28-12"]
    assert (kyn.planned_quantity, kyn.produced_quantity, kyn.scrapped_quantity,
            kyn.good_quantity, kyn.quantity_variance) == (4, 4, 1, 3, -1)
    assert (done.planned_quantity, done.good_quantity, done.scrapped_quantity) == (6, 5, 1)
    assert done.reworked_quantity == 2 and done.scrap_records == ["SCR-1"]
    assert plan.status == "closed"


def test_closing_counts_hours_from_the_routing_and_cost_as_entered():  # rule PLN-13
    done = close(stocked_plan(), [record("SCR-1", "scrap", "1")])
    # standard: 4 x 8 h + 2 x 2 h = 36 h planned; 3 x 8 h + 2 x 2 h = 28 h earned
    assert (done.standard_hours, done.earned_hours) == (Decimal("36.00"), Decimal("28.00"))
    assert done.efficiency == Decimal("0.9333")  # 28 earned of 30 booked
    assert done.cost_variance == Decimal("1234.50")
    assert "planning holds no material prices" in done.cost_basis
    bare = close(stocked_plan(), entry=closing.CostEntry(actual_cost=Decimal("100")))
    assert (bare.cost_variance, bare.efficiency) == (None, None)


def test_a_scrap_record_without_quantity_counts_one_unit_on_a_single_product_order():
    plan = stocked_plan()
    plan.work_orders = plan.work_orders[:1]
    done = close(plan, [record("SCR-1", "scrap", None, product=None)])  # rule PLN-13, QLT-4
    assert (done.lines[0].scrapped_quantity, done.unattributed_scrapped) == (1, 0)
    two = close(stocked_plan(), [record("SCR-1", "scrap", "2", product=None)])
    assert (two.unattributed_scrapped, two.scrapped_quantity, two.good_quantity) == (2, 2, 4)


def test_only_a_completed_plan_is_closed_and_only_once():  # rule PLN-13, PLN-12
    plan = stocked_plan()
    plan.status = "inspected"
    with pytest.raises(StepRefused, match="packed and stocked"):
        close(plan)
    plan = stocked_plan()
    close(plan)
    with pytest.raises(StepRefused, match="closed already"):
        close(plan)


def test_late_stocking_is_not_on_time():  # rule PLN-13
    assert close(stocked_plan()).on_time
    late = stocked_plan(stocked_at=at(MONDAY + timedelta(days=4), 9))
    assert not close(late).on_time


# -- PLN-14 ------------------------------------------------------------------------------
ASSY = WorkCentreSpec("P1-ASSY", "P1", "assembly", ((time(8), time(12)), (time(13), time(17))))
TEST = WorkCentreSpec("P1-TEST", "P1", "test bay", ((time(8), time(12)), (time(13), time(17))))
WEEK = statistics.Period(MONDAY, MONDAY + timedelta(days=6))  # Mon..Sun: 5 working days


def op(centre, start, finish):
    return PlannedOperation(10, centre, start, finish)


def facts(**kw) -> statistics.Facts:
    base = dict(work_orders=[], orders=[], records=[], closings=[], centres=[ASSY, TEST],
                centres_of_order={})
    return statistics.Facts(**{**base, **kw})


def test_utilisation_is_booked_of_available_working_hours_on_the_calendar():  # rule PLN-14
    # Monday 08:00 .. Tuesday 12:00 on assembly: 8 + 4 working hours, the night not counted
    wo = work_order("WO-1", "KYN28-12", 1, finish=at(MONDAY + timedelta(days=1), 12),
                    ops=[op("P1-ASSY", at(MONDAY, 8), at(MONDAY + timedelta(days=1), 12))])
    stats = statistics.compute(facts(work_orders=[wo]), WEEK)
    assy, test = stats.utilisation
    assert (assy.work_centre, assy.available_hours, assy.booked_hours, assy.utilisation) == (
        "P1-ASSY", Decimal("40.00"), Decimal("12.00"), Decimal("0.3000"))
    assert (test.booked_hours, test.utilisation) == (0, 0)
    only = statistics.compute(facts(work_orders=[wo]), WEEK, work_centre="P1-TEST")
    assert [u.work_centre for u in only.utilisation] == ["P1-TEST"]


def test_an_operation_beyond_the_period_counts_only_inside_it():  # rule PLN-14
    friday = MONDAY + timedelta(days=4)
    wo = work_order("WO-1", "KYN28-12", 1, finish=at(friday + timedelta(days=3), 12),
                    ops=[op("P1-ASSY", at(friday, 13), at(friday + timedelta(days=3), 12))])
    stats = statistics.compute(facts(work_orders=[wo]), statistics.Period(friday, friday))
    assert stats.utilisation[0].booked_hours == Decimal("4.00")  # Friday afternoon only


def test_on_time_defect_rate_and_efficiency_of_the_period():  # rule PLN-14
    monday_end = at(MONDAY, 17)
    wos = [work_order("WO-1", "KYN28-12", 4, finish=monday_end, done=at(MONDAY, 16)),
           work_order("WO-2", "GGD-400", 6, finish=monday_end, done=at(MONDAY, 18)),  # late
           work_order("WO-3", "GGD-400", 5, finish=monday_end)]  # not done
    wos[2].completed_quantity = Decimal(2)
    orders = [statistics.OrderFact("SO-1", "P1", at(MONDAY, 17), at(MONDAY, 12)),
              statistics.OrderFact("SO-2", "P1", at(MONDAY, 17), at(MONDAY, 18))]
    records = [record("SCR-1", "scrap", "1"), record("RWO-1", "rework", None),
               record("SCR-9", "scrap", "3", created=at(MONDAY - timedelta(days=1), 9))]
    closings = [statistics.ClosingFact("SO-1", "P1", at(MONDAY, 15), Decimal("28"),
                                       Decimal("30")),
                statistics.ClosingFact("SO-2", "P1", at(MONDAY, 15), Decimal("9"), None)]
    stats = statistics.compute(facts(work_orders=wos, orders=orders, records=records,
                                     closings=closings), WEEK)
    assert (stats.on_time.work_orders_finished, stats.on_time.work_orders_on_time,
            stats.on_time.work_order_rate) == (2, 1, Decimal("0.5000"))
    assert (stats.on_time.orders_completed, stats.on_time.order_rate) == (2, Decimal("0.5"))
    # 1 scrapped + 1 reworked (no quantity: one unit) of 10 units done; last week's not
    assert (stats.defects.produced_units, stats.defects.defective_units,
            stats.defects.defect_rate) == (10, 2, Decimal("0.2000"))
    eff = stats.efficiency
    assert (eff.planned_quantity, eff.produced_quantity, eff.output_rate) == (
        15, 12, Decimal("0.8000"))
    assert (eff.closed_orders, eff.earned_hours, eff.actual_hours, eff.hours_efficiency) == (
        2, 28, 30, Decimal("0.9333"))


def test_a_work_centre_narrows_the_orders_counted():  # rule PLN-14
    wos = [work_order("WO-1", "KYN28-12", 4, finish=at(MONDAY, 17), done=at(MONDAY, 16)),
           work_order("WO-2", "GGD-400", 6, finish=at(MONDAY, 17), done=at(MONDAY, 16),
                      order="SO-2")]
    stats = statistics.compute(facts(work_orders=wos, centres_of_order={
        "SO-1": frozenset({"P1-ASSY"}), "SO-2": frozenset({"P1-TEST"})}), WEEK,
        work_centre="P1-TEST")
    assert stats.on_time.work_orders_finished == 1 and stats.defects.produced_units == 6


def test_nothing_counted_gives_no_rate_and_periods_are_bounded():  # rule PLN-14
    stats = statistics.compute(facts(), WEEK)
    assert (stats.on_time.order_rate, stats.defects.defect_rate,
            stats.efficiency.output_rate) == (None, None, None)
    with pytest.raises(PlanningRejected, match="ends before"):
        statistics.Period(MONDAY, MONDAY - timedelta(days=1))
    with pytest.raises(PlanningRejected, match="at most 366"):
        statistics.Period(MONDAY, MONDAY + timedelta(days=366))


def test_minutes_per_unit_sums_the_routing():
    product = Product("X", "P1", "x", False, (BomLine("M", Decimal(1)),),
                      (RoutingStep(10, "P1-ASSY", 240), RoutingStep(20, "P1-TEST", 60)))
    assert closing.minutes_per_unit({"X": product}) == {"X": 300}
