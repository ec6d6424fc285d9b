from dataclasses import replace

from hypothesis import HealthCheck, given, settings

from planning.scheduling import Problem, solve
from planning.scheduling.checker import assert_valid
from planning.scheduling.flat import flatten
from planning.scheduling.left_shift import left_shift
from planning.scheduling.window_lns import WindowSettings, improve_by_windows

from factories import small_plants


def _freeze_first_steps(problem: Problem, schedule) -> Problem:
    orders = []
    for j, o in enumerate(problem.orders):
        if j % 2 == 0:
            first = replace(o.operations[0],
                            fixed_start=schedule.operations[o.operations[0].id].start)
            o = replace(o, operations=(first,) + o.operations[1:])
        orders.append(o)
    return replace(problem, orders=tuple(orders))


def _frozen_plant_and_heuristic(problem: Problem):
    frozen = _freeze_first_steps(problem, solve(problem, use_cp_sat=False, heuristic_time=0))
    return frozen, solve(frozen, use_cp_sat=False, heuristic_time=0)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(small_plants())
def test_a_left_shift_keeps_the_schedule_valid_and_moves_nothing_later(problem):
    frozen, heuristic = _frozen_plant_and_heuristic(problem)
    for plant, schedule, delay in ((frozen, heuristic, 0), (problem, heuristic, 7)):
        flat = flatten(plant)
        if delay and not all(cal.is_always_open for cal in flat.calendars):
            continue  # a uniform delay is only valid without calendars
        ids = [op.id for o in plant.orders for op in o.operations]
        starts = [schedule.operations[i].start + delay for i in ids]
        ends = [schedule.operations[i].end + delay for i in ids]
        shifted_starts, shifted_ends = left_shift(flat, starts, ends)
        assert all(new <= old for new, old in zip(shifted_starts, starts, strict=True))
        assert_valid(plant, flat.to_schedule(shifted_starts, shifted_ends, "shifted", 0))


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(small_plants())
def test_window_rounds_return_valid_schedules_never_worse_than_their_start(problem):
    problem, heuristic = _frozen_plant_and_heuristic(problem)
    flat = flatten(problem)
    cfg = WindowSettings(window=10_000, round_seconds=0.2, slack=2_000)
    improved = improve_by_windows(flat, heuristic, "weighted_tardiness", 0.8, settings=cfg)
    assert_valid(problem, improved)
    assert improved.objective <= heuristic.objective
