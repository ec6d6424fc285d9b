"""PLN-5: a work centre's breakdown repairs the live plan at once; sales hears of each
re-dated order (SAL-11); later placements keep clear of it."""

from __future__ import annotations

from datetime import timedelta

import pytest
from test_planning_use_cases import P2_PLANNER, PLANNER, instruct, published, receive

from contracts.rpc.planning import BreakdownCreate
from planning import computing, demo, handlers, replanning
from planning.adapters.tables import metadata
from planning.domain.errors import NotInPlanning, PlanningRejected
from planning.unit_of_work import PlanningUnitOfWork
from servicekit import inmemory

COMPUTE = computing.inline()


@pytest.fixture
def uow():
    return inmemory.unit_of_work(PlanningUnitOfWork, metadata, seed=demo.seed)


def planned(uow, order_no, lines=(("GGD-400", "3"),)):
    receive(uow, order_no, lines=list(lines))
    instruct(uow, order_no, lines=list(lines))
    return handlers.get_plan(PLANNER, order_no, uow)


def down(work_centre, start, finish, reason="spindle bearing failed"):
    return BreakdownCreate(work_centre=work_centre, down_from=start, down_until=finish,
                           reason=reason)


def test_a_breakdown_moves_the_work_it_reaches_and_tells_sales(uow):
    plan = planned(uow, "SO-P1-000001")
    first = plan.work_orders[0].operations[0]
    live = replanning.record_breakdown(PLANNER, "P1", down(
        first.work_centre, first.planned_start - timedelta(minutes=1),
        first.planned_start + timedelta(hours=4)), uow, COMPUTE)
    assert "down" in live.reason and "PLN-5" in live.reason
    assert {m.order_no for m in live.moves} == {"SO-P1-000001"}
    after = handlers.get_plan(PLANNER, "SO-P1-000001", uow)
    assert after.work_orders[0].operations[0].planned_start >= \
        first.planned_start + timedelta(hours=4)
    redated = published(uow, "planning.order_redated")
    assert [e.payload["order_no"] for e in redated] == ["SO-P1-000001"]


def test_work_planned_after_a_breakdown_keeps_clear_of_it(uow):
    plan = planned(uow, "SO-P1-000001")
    op = plan.work_orders[0].operations[0]
    start, finish = op.planned_finish, op.planned_finish + timedelta(days=3)
    replanning.record_breakdown(PLANNER, "P1", down(op.work_centre, start, finish), uow,
                                COMPUTE)
    later = planned(uow, "SO-P1-000002")
    for o in later.work_orders[0].operations:
        if o.work_centre == op.work_centre:
            assert o.planned_finish <= start or o.planned_start >= finish


def test_a_breakdown_that_makes_no_sense_or_is_not_theirs_is_refused(uow):
    plan = planned(uow, "SO-P1-000001")
    op = plan.work_orders[0].operations[0]
    with pytest.raises(PlanningRejected):
        replanning.record_breakdown(PLANNER, "P1", down(
            op.work_centre, op.planned_start, op.planned_start - timedelta(hours=1)), uow)
    with pytest.raises(NotInPlanning):
        replanning.record_breakdown(PLANNER, "P1", down("P2-WIND", op.planned_start,
                                                        op.planned_finish), uow)
    with pytest.raises(NotInPlanning):
        replanning.record_breakdown(P2_PLANNER, "P1", down(op.work_centre, op.planned_start,
                                                           op.planned_finish), uow)
    assert handlers.get_plan(PLANNER, "SO-P1-000001", uow) == plan
