from planning.scheduling import CapacityIndex, Problem, capable_to_promise, solve
from planning.scheduling.work_calendar import format_minutes

from factories import ORIGIN, day_shift_centre, material, order

HOUR = 60
DAY = 24 * HOUR


def _plant(*orders):
    centres = (day_shift_centre("cnc", "Busbar CNC"), day_shift_centre("asm", "Assembly line"))
    return Problem(centres, tuple(orders), ORIGIN)


def test_a_fully_booked_work_centre_is_the_binding_constraint():
    # Three days of CNC work already planned; the new order needs the CNC first.
    problem = _plant(order("booked", [("cnc", 24 * HOUR)], due=30 * DAY))
    schedule = solve(problem, use_cp_sat=False)
    booked_until = schedule.operations["booked/0"].end
    promise = capable_to_promise(problem, schedule, order("new", [("cnc", 2 * HOUR),
                                                                  ("asm", HOUR)], due=5 * DAY))
    assert promise.binding.kind == "work_centre_capacity"
    assert promise.binding.subject == "Busbar CNC"
    assert promise.binding.sentence == (
        f"work centre 'Busbar CNC' is fully booked until {format_minutes(ORIGIN, booked_until)}")
    assert promise.operations[0].start == booked_until + 15 * HOUR  # next morning
    assert "2026-12-02 17:00" in promise.binding.sentence  # Mon-Wed, 8 h a day


def test_a_late_material_is_the_binding_constraint_even_with_free_capacity():
    problem = _plant(order("booked", [("cnc", 4 * HOUR)], due=30 * DAY))
    schedule = solve(problem, use_cp_sat=False)
    arrives = 5 * DAY + 8 * HOUR  # Saturday 08:00 -> work resumes Monday
    proposed = order("new", [("asm", 3 * HOUR)], due=10 * DAY,
                     materials=material("breaker ABB-XT2", arrives))
    promise = capable_to_promise(problem, schedule, proposed)
    assert promise.binding.kind == "material_lead_time"
    assert promise.binding.sentence == (
        "material 'breaker ABB-XT2' arrives 2026-12-05 08:00 (supplier lead time)")
    assert promise.completion_text == "2026-12-07 11:00"
    assert promise.on_time


def test_a_capacity_wait_after_the_material_arrived_beats_the_material():
    problem = _plant(order("booked", [("asm", 24 * HOUR)], due=30 * DAY))
    schedule = solve(problem, use_cp_sat=False)
    proposed = order("new", [("cnc", HOUR), ("asm", HOUR)], due=DAY,
                     materials=material("copper bar", 9 * HOUR))
    promise = capable_to_promise(problem, schedule, proposed)
    assert promise.binding.subject == "Assembly line"
    assert not promise.on_time


def test_an_empty_plant_promises_the_routing_time_itself():
    problem = _plant()
    promise = capable_to_promise(problem, solve(problem, use_cp_sat=False),
                                 order("new", [("cnc", 3 * HOUR), ("asm", 2 * HOUR)], due=DAY))
    assert promise.binding.kind == "processing_time"
    assert promise.completion_text == "2026-11-30 14:00"  # 5 h of work plus the lunch hour


def test_two_steps_on_the_same_centre_do_not_overlap_each_other():
    problem = _plant(order("booked", [("cnc", 8 * HOUR)], due=30 * DAY))
    index = CapacityIndex(problem, solve(problem, use_cp_sat=False))
    promise = index.promise(order("new", [("cnc", HOUR), ("cnc", HOUR)], due=DAY))
    first, second = promise.operations
    assert second.start >= first.end
