"""The live plan on the engine: rush insertion by right shift, re-sequencing (PLN-5/7/9)."""

from dataclasses import replace
from datetime import date, datetime, timedelta
from decimal import Decimal

import pytest

from planning.demo import master_data_from
from planning.domain.forward_schedule import Plant
from planning.domain.live_plan import (
    LiveOperation,
    OrderTerms,
    insert_rush,
    live_view,
    resequence,
)
from planning.domain.material_promise import StockFact, Supply
from planning.scheduling import assert_valid
from planning.scheduling.work_calendar import SHANGHAI
from servicekit.demo_data import load

pytestmark = pytest.mark.unit
MASTER = master_data_from(load()["planning"])
NOW = datetime(2026, 11, 30, 8, 0, tzinfo=SHANGHAI)  # a Monday
KYN = MASTER.product("KYN28-12")
P1 = MASTER.centres_of("P1")


def in_store() -> Supply:
    """Every material in P1's store: the rush order waits for nothing but capacity."""
    return Supply.of([StockFact("P1", line.material_code, Decimal(1000)) for line in KYN.bom])


def _live(orders):
    """Orders placed one after another on an empty plant, as decomposition would."""
    plant = Plant(P1, NOW)
    ops = []
    for n, (order_no, quantity) in enumerate(orders, 1):
        placed = plant.place(KYN, Decimal(quantity))
        ops += [LiveOperation(f"WO-{n}", order_no, 1, op.step, op.work_centre,
                              op.planned_start, op.planned_finish) for op in placed.operations]
    return ops


def test_a_rush_order_goes_first_and_delays_exactly_the_orders_behind_it():
    view = live_view(P1, _live([("SO-A", 4), ("SO-B", 4)]), NOW - timedelta(hours=1))
    replan = insert_rush(view, MASTER, "P1", [(1, KYN, Decimal(2))], "B", in_store())

    assert {i.order_no for i in replan.impacts} == {"SO-A", "SO-B"}
    assert all(i.delay_minutes > 0 for i in replan.impacts)
    first = min(r.start for r in replan.reservations)
    assert first <= min(op.start for op in view.ops.values())  # ahead of the plan
    assert replan.dedicated_line is None


def test_frozen_operations_stay_and_an_order_the_rush_does_not_reach_keeps_its_dates():
    ops = _live([("SO-A", 1), ("SO-B", 1)])
    started = NOW + timedelta(minutes=30)  # SO-A's first operation has started
    view = live_view(P1, ops, started)
    replan = insert_rush(view, MASTER, "P1", [(1, KYN, Decimal(1))], "B", in_store())
    moved_ops = {(m.work_order_no, m.step) for m in replan.moves}
    assert ("WO-1", 10) not in moved_ops  # started: frozen
    for m in replan.moves:
        was = next(o for o in ops if (o.work_order_no, o.step) == (m.work_order_no, m.step))
        assert m.start >= was.start  # right shift: nothing moves earlier


def test_an_a_grade_small_rush_goes_to_the_dedicated_line():
    view = live_view(P1, _live([("SO-A", 4)]), NOW - timedelta(hours=1))
    replan = insert_rush(view, MASTER, "P1", [(1, KYN, Decimal(1))], "A", in_store())
    assert replan.dedicated_line == "P1-RUSH"
    assert {r.work_centre for r in replan.reservations if r.step == 10} == {"P1-RUSH"}


def test_resequencing_puts_the_a_grade_order_with_the_earlier_due_date_first():
    ops = _live([("SO-LATE-DUE", 6), ("SO-URGENT", 6)])
    terms = {"SO-LATE-DUE": OrderTerms(date(2027, 6, 1), "C"),
             "SO-URGENT": OrderTerms(date(2026, 12, 1), "A")}
    view = live_view(P1, ops, NOW - timedelta(hours=1), terms)
    replan = resequence(view, seconds=0.2)
    moved = {i.order_no: i.delay_minutes for i in replan.impacts}
    assert moved["SO-URGENT"] < 0 < moved["SO-LATE-DUE"]


def test_the_repaired_schedule_obeys_calendars_and_capacity():
    from planning.scheduling.repair import right_shift

    view = live_view(P1, _live([("SO-A", 3), ("SO-B", 2), ("SO-C", 5)]), NOW - timedelta(hours=1))
    blocked = {"P1-ASSY": [(0, 600)], "P1-TEST": [(900, 1500)]}  # a breakdown, say
    repaired = right_shift(view.problem, view.schedule, blocked)
    assert_valid(view.problem, repaired)
    for op in repaired.operations.values():
        for s, e in blocked.get(op.work_centre, []):
            assert op.end <= s or op.start >= e


def test_booking_into_the_capacity_index_equals_building_it_afresh():
    import random

    from planning.scheduling import CapacityIndex, Problem, Schedule, ScheduledOperation
    from planning.scheduling.model import WorkCentre

    rng = random.Random(3)
    problem = Problem((WorkCentre("A", "A"),), ())
    intervals = [(s, s + rng.randrange(1, 50)) for s in (rng.randrange(0, 1000)
                                                            for _ in range(200))]
    grown = CapacityIndex(problem, Schedule({}, "empty", 0))
    for start, end in intervals:
        grown.add("A", start, end)
    built = CapacityIndex(problem, Schedule({f"{i}": ScheduledOperation(f"{i}", "o", "A", s, e)
                                             for i, (s, e) in enumerate(intervals)}, "x", 0))
    assert (grown._starts["A"], grown._ends["A"]) == (built._starts["A"], built._ends["A"])


def test_a_plan_held_to_the_second_moves_by_whole_minutes_and_started_work_stays():
    """PLN-9: times held by the plan carry seconds (they were stamped by the clock), and the
    engine counts in minutes from `now`: every impact a rush causes is a real delay (its
    finish later by the engine's whole-minute shift), and started work is not moved."""
    ops = [replace(op, start=op.start + timedelta(seconds=41), finish=op.finish
                   + timedelta(seconds=41)) for op in _live([("SO-A", 2), ("SO-B", 3)])]
    now = NOW + timedelta(minutes=30, seconds=17.5)  # SO-A's first operation has started
    view = live_view(P1, ops, now)
    replan = insert_rush(view, MASTER, "P1", [(1, KYN, Decimal(2))], "B", in_store())

    assert replan.impacts
    for impact in replan.impacts:
        shift = impact.new_finish - impact.old_finish
        assert shift > timedelta(0) and shift.total_seconds() % 60 == 0, impact
        assert impact.delay_minutes == shift.total_seconds() // 60
    started = [op for op in ops if op.start <= now]
    assert started
    assert not [m for m in replan.moves
                if (m.work_order_no, m.step) in {(op.work_order_no, op.step) for op in started}]
