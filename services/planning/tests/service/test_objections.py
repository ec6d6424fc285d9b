"""Objections to a plan task's time (PLN-6, CO-2), planning alone on the real broker and
database: another company objects, planning answers, and an objection left open breaches
to the objecting company's general manager."""

from datetime import datetime, timedelta

import pytest
from nameko.exceptions import RemoteError
from nameko.standalone.rpc import ServiceRpcProxy
from planning_events import P1_PLANNER, instruction, order_received

from planning.service import PlanningService
from servicekit.testing import (
    deliver_event,
    queue_depth,
    signed_actor,
    start_service,
    take_all,
    wait_until,
)
from servicekit.testing_deadlines import assert_limit_breaches

pytestmark = pytest.mark.service
ORDER = "SO-P1-000001"
P2_BUYER = signed_actor({"username": "buyer.p2", "roles": ["procurement"],
                         "companies": ["P2"]})


@pytest.fixture
def planned(container_factory, make_config):
    """Planning with order ORDER of P1 planned (PLN-1): the plan is published now."""
    container = start_service(container_factory, PlanningService, make_config("planning"))
    deliver_event(container, "on_order_received", "sales.order_received", order_received(),
                  timeout=15)
    deliver_event(container, "on_production_instruction_issued",
                  "sales.production_instruction_issued", instruction(), timeout=15)
    with ServiceRpcProxy("planning", container.config) as rpc:
        rpc.publish_plan(P1_PLANNER, ORDER, {"note": "as proposed"})  # PLN-1
    return container


def _objection(rpc, plan: dict, later_by: timedelta) -> tuple[dict, dict]:
    task = plan["work_orders"][0]
    proposed = datetime.fromisoformat(plan["planned_completion"]) + later_by
    objection = rpc.raise_objection(P2_BUYER, task["work_order_no"], {
        "company_id": "P2", "reason": "our parts reach P1 a week later",
        "proposed_finish": proposed.isoformat()})
    return objection, task


def test_an_objection_of_another_company_left_open_breaches_to_its_own_gm(planned):
    """PLN-6, CO-2: held by the objecting company's leader, so the breach goes straight to
    P2's general manager when planning has not settled it one working day after it was
    raised."""
    with ServiceRpcProxy("planning", planned.config) as rpc:
        plan = rpc.get_plan(P1_PLANNER, ORDER)
        objection, task = _objection(rpc, plan, timedelta(days=7))
        assert (objection["status"], objection["company_id"],
                objection["plan_company_id"]) == ("open", "P2", "P1")
        assert objection["planned_finish"] == task["planned_finish"]
    breached = assert_limit_breaches(planned, "PLN-6.objection", ORDER,
                                     anchor=datetime.fromisoformat(objection["raised_at"]),
                                     escalated_to="general_manager")
    assert breached.company_id == "P2", "CO-2: the objector's GM arbitrates, not the plan's"


def test_accepting_an_objection_moves_the_task_and_tells_sales_the_later_date(
        planned, amqp_uri):
    with ServiceRpcProxy("planning", planned.config) as rpc:
        plan = rpc.get_plan(P1_PLANNER, ORDER)
        objection, task = _objection(rpc, plan, timedelta(days=7))
        take_all(amqp_uri, "sales.planning.forecast_updated")
        decided = rpc.decide_objection(P1_PLANNER, objection["objection_no"],
                                       {"accept": True})
        assert decided["status"] == "accepted" and decided["decided_by"] == "planner.p1"
        moved = rpc.get_plan(P1_PLANNER, ORDER)
        assert moved["work_orders"][0]["planned_finish"] == objection["proposed_finish"]
        assert moved["planned_completion"] == objection["proposed_finish"]
        wait_until(lambda: queue_depth(amqp_uri, "sales.planning.forecast_updated") == 1)
        [told] = take_all(amqp_uri, "sales.planning.forecast_updated")
        assert told["payload"]["forecast_completion"] == objection["proposed_finish"]
        assert objection["objection_no"] in told["payload"]["reason"]
        [pln6] = [d for d in rpc.deadlines_for_order(ORDER) if d["rule_id"] == "PLN-6"]
        assert (pln6["status"], pln6["company_id"]) == ("met", "P2")
        # answered once: a second decision is refused
        with pytest.raises(RemoteError) as info:
            rpc.decide_objection(P1_PLANNER, objection["objection_no"],
                                 {"accept": False, "reason": "late"})
        assert info.value.exc_type == "Conflict"
        assert task["work_order_no"] == decided["work_order_no"]


def test_a_rejection_needs_a_reason_and_leaves_the_plan_as_it_was(planned):
    with ServiceRpcProxy("planning", planned.config) as rpc:
        plan = rpc.get_plan(P1_PLANNER, ORDER)
        objection, _ = _objection(rpc, plan, timedelta(days=3))
        with pytest.raises(RemoteError) as info:
            rpc.decide_objection(P1_PLANNER, objection["objection_no"], {"accept": False})
        assert info.value.exc_type == "InvalidRequest"
        rejected = rpc.decide_objection(P1_PLANNER, objection["objection_no"], {
            "accept": False, "reason": "the customer's date holds"})
        assert (rejected["status"], rejected["decision_reason"]) == (
            "rejected", "the customer's date holds")
        assert rpc.get_plan(P1_PLANNER, ORDER)["planned_completion"] == \
            plan["planned_completion"]
        # the objecting company sees its objection; P2 cannot decide on P1's plan
        assert [o["objection_no"] for o in rpc.list_objections(P2_BUYER)] == [
            objection["objection_no"]]
        with pytest.raises(RemoteError) as info:
            rpc.decide_objection(P2_BUYER, objection["objection_no"], {"accept": True})
        assert info.value.exc_type == "NotFound"
