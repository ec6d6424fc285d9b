import random
import time
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from planning.scheduling import Problem, WorkCalendar, solve
from planning.scheduling.checker import assert_valid
from planning.scheduling.disjunctive import JobShop, Sequencing
from planning.scheduling.flat import flatten
from planning.scheduling.heuristic import heuristic_schedule
from planning.scheduling.jobshop import load_instance
from planning.scheduling.tabu import tabu_search

from factories import small_plants

DATA = Path(__file__).parents[5] / "shared" / "data" / "jobshop"
DATA = DATA if DATA.exists() else Path("/work/shared/data/jobshop")
needs_data = pytest.mark.skipif(not (DATA / "ft06").exists(), reason="no job-shop data")


def _open_calendars(problem: Problem) -> Problem:
    """The same plant without shift calendars: a classic job shop (with releases)."""
    centres = tuple(replace(wc, calendar=WorkCalendar.always_open())
                    for wc in problem.work_centres)
    return replace(problem, work_centres=centres)


def _start(problem: Problem):
    flat = flatten(problem)
    heuristic = heuristic_schedule(flat, "makespan", 0.0)
    shop = JobShop.from_flat(flat)
    starts = [heuristic.operations[op.id].start for o in problem.orders for op in o.operations]
    return flat, heuristic, shop, shop.sequences_from_starts(starts)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(small_plants())
def test_tabu_schedules_pass_the_checker_and_never_lose_to_their_start(problem):
    problem = _open_calendars(problem)
    flat, heuristic, shop, seqs = _start(problem)
    found = tabu_search(shop, seqs, time.perf_counter() + 5, max_iterations=300)
    assert found.makespan <= heuristic.objective
    ends = [s + d for s, d in zip(found.starts, flat.op_duration, strict=True)]
    schedule = flat.to_schedule(found.starts, ends, "tabu", found.makespan)
    assert_valid(problem, schedule)
    assert schedule.makespan == found.makespan


@needs_data
def test_incremental_heads_and_tails_match_a_full_recomputation():
    _, _, shop, seqs = _start(load_instance(DATA / "ft10"))
    state = Sequencing(shop, seqs)
    cmax = state.evaluate()
    rng = random.Random(3)
    for _ in range(300):
        pairs = [(b[i], b[i + 1]) for b in state.critical_blocks(cmax) for i in range(len(b) - 1)]
        cmax = state.swap(*rng.choice(pairs))
        fresh = Sequencing(shop, state.seqs)
        assert fresh.evaluate() == cmax
        assert (fresh.head, fresh.tail) == (state.head, state.tail)


@needs_data
def test_tabu_search_reaches_the_optimum_of_ft06():
    _, heuristic, shop, seqs = _start(load_instance(DATA / "ft06"))
    found = tabu_search(shop, seqs, time.perf_counter() + 20, lower_bound=55)
    assert found.makespan == 55


@needs_data
def test_tabu_search_improves_ft10_a_lot_within_a_few_thousand_moves():
    _, heuristic, shop, seqs = _start(load_instance(DATA / "ft10"))
    found = tabu_search(shop, seqs, time.perf_counter() + 20, max_iterations=3000)
    assert found.makespan < 0.92 * heuristic.objective  # heuristic ~1100, optimum 930


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(small_plants())
def test_the_engine_on_a_job_shop_is_valid_and_no_worse_than_the_heuristic(problem):
    problem = _open_calendars(problem)
    heuristic = solve(problem, kind="makespan", use_cp_sat=False, heuristic_time=0.0)
    engine = solve(problem, kind="makespan", time_limit=0.3, heuristic_time=0.0)
    assert_valid(problem, engine)
    assert engine.makespan <= heuristic.makespan
