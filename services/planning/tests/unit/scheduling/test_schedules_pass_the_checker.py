from dataclasses import replace

from hypothesis import HealthCheck, given, settings

from planning.scheduling import solve, violations
from planning.scheduling.checker import assert_valid
from planning.scheduling.model import Problem, ScheduledOperation

from factories import small_plants


def _freeze_first_steps(problem: Problem, schedule) -> Problem:
    """Freeze every other order's first operation where a previous plan put it."""
    orders = []
    for j, o in enumerate(problem.orders):
        if j % 2 == 0:
            planned = schedule.operations[o.operations[0].id].start
            first = replace(o.operations[0], fixed_start=planned)
            o = replace(o, operations=(first,) + o.operations[1:])
        orders.append(o)
    return replace(problem, orders=tuple(orders))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(small_plants())
def test_every_heuristic_schedule_passes_the_checker(problem):
    schedule = solve(problem, use_cp_sat=False, heuristic_time=0.0)
    assert_valid(problem, schedule)
    frozen = _freeze_first_steps(problem, schedule)
    assert_valid(frozen, solve(frozen, use_cp_sat=False, heuristic_time=0.0))


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(small_plants())
def test_every_cp_sat_schedule_passes_the_checker_and_is_no_worse_than_the_heuristic(problem):
    quick = solve(problem, use_cp_sat=False, heuristic_time=0.0)
    frozen = _freeze_first_steps(problem, quick)
    heuristic = solve(frozen, use_cp_sat=False, heuristic_time=0.0)
    improved = solve(frozen, time_limit=0.5, heuristic_time=0.0)
    assert_valid(frozen, improved)
    assert improved.objective <= heuristic.objective
    makespan = solve(frozen, kind="makespan", time_limit=0.5, heuristic_time=0.0)
    assert_valid(frozen, makespan)


def test_the_checker_catches_overlap_early_start_and_a_moved_frozen_operation():
    from factories import ORIGIN, day_shift_centre, material, order

    problem = Problem(
        (day_shift_centre("cnc", "Busbar CNC"),),
        (order("a", [("cnc", 60)], due=10_000, materials=material("copper", 600)),
         order("b", [("cnc", 60)], due=10_000)),
        ORIGIN,
    )
    schedule = solve(problem, use_cp_sat=False)
    assert violations(problem, schedule) == []
    a, b = schedule.operations["a/0"], schedule.operations["b/0"]
    schedule.operations["a/0"] = ScheduledOperation(a.op_id, "a", "cnc", b.start, b.end)
    found = " ".join(violations(problem, schedule))
    assert "overlap" in found and "copper" in found
    schedule.operations["a/0"] = ScheduledOperation(a.op_id, "a", "cnc", 0, 60)
    assert "outside working time" in " ".join(violations(problem, schedule))
