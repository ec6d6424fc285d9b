"""PLN-11: when to replenish and how much, and replenishment giving way; PLN-5: a work
centre's breakdown. Pure."""

from __future__ import annotations

from datetime import datetime, time
from decimal import Decimal

import pytest

from planning.domain.errors import PlanningRejected
from planning.domain.forward_schedule import SHANGHAI
from planning.domain.live_plan import Downtime, LiveOperation, breakdown, live_view, resequence
from planning.domain.master_data import WorkCentreSpec
from planning.domain.replenishment import StockTarget, is_replenishment, yield_to_customers

NOW = datetime(2030, 1, 7, 7, 0, tzinfo=SHANGHAI)  # a Monday, before the shift
ASSY = WorkCentreSpec("ASSY", "P1", "assembly", ((time(8), time(12)), (time(13), time(17))))


def at(hour, minute=0):
    return NOW.replace(hour=hour, minute=minute)


def target(on_hand="0", minimum="10", maximum="40"):
    return StockTarget("P1", "XGN15-12", Decimal(minimum), Decimal(maximum), Decimal(on_hand))


def test_below_the_minimum_replenishes_up_to_the_maximum():
    assert target(on_hand="9").shortfall(Decimal(0)) == Decimal(31)


def test_at_the_minimum_or_covered_by_what_is_being_made_nothing_is_made():
    assert target(on_hand="10").shortfall(Decimal(0)) == 0
    assert target(on_hand="2").shortfall(Decimal(8)) == 0
    assert target(on_hand="2").shortfall(Decimal(7)) == Decimal(31)


def test_levels_must_be_ordered_and_a_count_not_negative():
    with pytest.raises(PlanningRejected):
        target(minimum="5", maximum="4")
    with pytest.raises(PlanningRejected):
        target(minimum="0", maximum="0")
    with pytest.raises(PlanningRejected):
        target().count(Decimal(-1), "store", NOW)


def test_replenishment_is_known_by_its_number():
    assert is_replenishment("MTS-P1-000001") and not is_replenishment("SO-P1-000001")


def test_replenishment_moves_clear_of_customer_work_and_customer_work_stays():
    ops = [LiveOperation("WO-1", "SO-P1-000001", 1, 1, "ASSY", at(8), at(10)),
           LiveOperation("WO-2", "MTS-P1-000001", 1, 1, "ASSY", at(9), at(11))]
    replan = yield_to_customers([ASSY], ops, NOW)
    assert [(m.work_order_no, m.start, m.finish) for m in replan.moves] == [
        ("WO-2", at(10), at(12))]  # its 2 h of work after the customer's, not beside it
    assert [(i.order_no, i.delay_minutes) for i in replan.impacts] == [("MTS-P1-000001", 60)]


def test_started_replenishment_work_stays_where_it_is():
    ops = [LiveOperation("WO-1", "SO-P1-000001", 1, 1, "ASSY", at(9), at(10)),
           LiveOperation("WO-2", "MTS-P1-000001", 1, 1, "ASSY", at(6), at(8, 30))]
    assert yield_to_customers([ASSY], ops, NOW).moves == []


# -- a work centre out of action (PLN-5) -------------------------------------------------------
def test_a_breakdown_moves_only_the_work_it_reaches_and_keeps_it_clear():
    ops = [LiveOperation("WO-1", "SO-P1-000001", 1, 1, "ASSY", at(9), at(11)),
           LiveOperation("WO-2", "SO-P1-000002", 1, 1, "ASSY", at(14), at(15))]
    view = live_view([ASSY], ops, NOW)
    replan = breakdown(view, Downtime("ASSY", at(8), at(10)))
    assert [(m.work_order_no, m.start, m.finish) for m in replan.moves] == [
        ("WO-1", at(10), at(12))]  # WO-2, after the repair's reach, stays


def test_a_re_sequence_keeps_clear_of_a_recorded_breakdown():
    ops = [LiveOperation("WO-1", "SO-P1-000001", 1, 1, "ASSY", at(13), at(15))]
    view = live_view([ASSY], ops, NOW, downtime=[Downtime("ASSY", at(8), at(12))])
    moved = resequence(view, seconds=0.1).moves
    start = moved[0].start if moved else ops[0].start
    assert start >= at(12)
