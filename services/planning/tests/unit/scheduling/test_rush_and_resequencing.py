"""Rush insertion (rule PLN-9) and re-sequencing under overload (rule PLN-7): what
planning shows the production and contract managers before anyone decides."""

from planning.scheduling import Problem, assess_rush, propose_resequence
from planning.scheduling.checker import assert_valid

from factories import ORIGIN, day_shift_centre, order

HOUR = 60
DAY = 24 * HOUR


def _plant(*orders):
    return Problem((day_shift_centre("cnc", "Busbar CNC"),), tuple(orders), ORIGIN)


def test_a_rush_order_reports_every_order_it_delays_and_which_become_late():
    problem = _plant(
        order("tight", [("cnc", 4 * HOUR)], due=DAY + 9 * HOUR, grade="B"),  # Tue 09:00
        order("loose", [("cnc", 4 * HOUR)], due=10 * DAY, grade="C"),
    )
    rush = order("rush", [("cnc", 8 * HOUR)], due=DAY, priority=2, grade="A")
    assessment = assess_rush(problem, rush)
    assert_valid(problem.with_order(rush), assessment.with_rush)
    moved = {i.order_id: i for i in assessment.impacts}
    assert set(moved) == {"tight", "loose"}
    assert moved["tight"].delay == DAY  # Monday noon becomes Tuesday noon
    assert [i.order_id for i in assessment.newly_late] == ["tight"]
    assert "after its due date" in moved["tight"].sentence
    assert assessment.rush_on_time
    assert assessment.summary == "rush order 'rush' delays 2 order(s); 1 would become late"


def test_a_rush_order_on_a_free_dedicated_line_moves_nobody():
    problem = Problem(
        (day_shift_centre("cnc", "Busbar CNC"), day_shift_centre("line-a", "A-grade line")),
        (order("a", [("cnc", 2 * HOUR)], due=10 * DAY),),
        ORIGIN,
    )
    rush = order("rush", [("line-a", HOUR)], due=5 * DAY, priority=2, grade="A")
    assessment = assess_rush(problem, rush)
    assert assessment.impacts == []
    assert assessment.summary == "rush order 'rush' delays 0 order(s); 0 would become late"


def test_overload_resequencing_lists_late_orders_and_protects_a_grade_customers():
    # Three 8-hour orders all due Monday evening on one centre: two must be late.
    due = 17 * HOUR
    problem = _plant(
        order("c-grade", [("cnc", 8 * HOUR)], due=due, grade="C"),
        order("a-grade", [("cnc", 8 * HOUR)], due=due, grade="A"),
        order("b-grade", [("cnc", 8 * HOUR)], due=due, grade="B"),
    )
    proposal = propose_resequence(problem, time_limit=2)
    assert_valid(problem, proposal.schedule)
    assert proposal.sequence == ["a-grade", "b-grade", "c-grade"]
    assert [o.order_id for o in proposal.late_orders] == ["c-grade", "b-grade"]
    assert proposal.late_orders[0].lateness == 2 * DAY
    assert "after its due date" in proposal.late_orders[0].sentence
    assert [c.work_centre for c in proposal.overloaded] == ["cnc"]
