"""Objections to the plan through the gateway (PLN-6, CO-2): a buyer of P2 objects to a task
of P1's plan; P1's planners accept (the task and the delivery forecast move, sales records
it on the order) or reject with a reason; an objection left open escalates to P2's general
manager, whose company objected, and not to P1's.

The breach runs in a suite of its own whose planning sweep looks 10 days ahead (test-only
PLANNING_DEADLINE_SWEEP_AHEAD_S), so the 1-working-day limit falls due at once.
"""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from simulate import Gateway, Journey, OrderPlan, Stats
from suite_harness import running_suite


@pytest.fixture(scope="module")
def breaching_suite(rabbit_api, tmp_path_factory):
    with running_suite(rabbit_api, tmp_path_factory.mktemp("var"), LOG_LEVEL="WARNING",
                       DEADLINE_SWEEP_INTERVAL_S="0.5",
                       PLANNING_DEADLINE_SWEEP_AHEAD_S=str(10 * 24 * 3600),
                       JWT_SECRET="e2e-test-secret-not-for-production") as running:
        yield running


def planned_p1_order(gateway: Gateway) -> tuple[str, dict]:
    """An order of P1 through to its plan (PLN-1); its first work order."""
    journey = Journey(gateway, OrderPlan(company="P1", customer="CUST-001", product="GGD-400",
                                         quantity=1, reject_first_lot=False))
    order = journey.intake()
    journey.review()
    journey.contract_and_pay_deposit(order)
    journey.instruct()
    plan = gateway.poll(journey._plan, "P1's plan")
    return journey.order_no, plan


def object_as_p2(gateway: Gateway, plan: dict, later_by: timedelta) -> dict:
    task = plan["work_orders"][0]
    proposed = datetime.fromisoformat(plan["planned_completion"]) + later_by
    return gateway.call("buyer.p2", "POST",
                        f"/planning/work-orders/{task['work_order_no']}/objections",
                        "objections", json={
                            "company_id": "P2", "reason": "our relays reach P1 late",
                            "proposed_finish": proposed.isoformat()})


def test_p1_accepts_a_p2_objection_and_sales_sees_the_later_completion(gateway):
    # rule PLN-6, SAL-11
    order_no, plan = planned_p1_order(gateway)
    objection = object_as_p2(gateway, plan, timedelta(days=5))
    assert (objection["status"], objection["company_id"]) == ("open", "P2")
    refused = gateway.send("buyer.p2", "POST",
                           f"/planning/objections/{objection['objection_no']}/decision",
                           "decision", json={"accept": True})
    assert refused.status_code == 403, "only planners answer objections"
    decided = gateway.call("planner.p1", "POST",
                           f"/planning/objections/{objection['objection_no']}/decision",
                           "decision", json={"accept": True})
    assert decided["status"] == "accepted"
    moved = gateway.call("planner.p1", "GET", f"/planning/plans/{order_no}", "plan")
    assert moved["work_orders"][0]["planned_finish"] == objection["proposed_finish"]

    def sales_recorded() -> dict | None:
        view = gateway.call("sales.p1", "GET", f"/orders/{order_no}/journey", "journey")
        return view if [s for s in view["stages"] if s["department"] == "sales"
                        and s["stage"] == "forecast completion"
                        and objection["objection_no"] in str(s)] else None

    journey = gateway.poll(sales_recorded, "the later completion noted on the sales order")
    assert gateway.call("sales.p1", "GET", f"/sales/orders/{order_no}", "order")[
        "planned_completion"] == objection["proposed_finish"]
    [pln6] = [d for d in journey["deadlines"] if d["rule_id"] == "PLN-6"]
    assert pln6["status"] == "met"


def test_p1_rejects_a_p2_objection_with_a_reason(gateway):  # rule PLN-6
    order_no, plan = planned_p1_order(gateway)
    objection = object_as_p2(gateway, plan, timedelta(days=2))
    path = f"/planning/objections/{objection['objection_no']}/decision"
    no_reason = gateway.send("planner.p1", "POST", path, "decision", json={"accept": False})
    assert no_reason.status_code == 422
    rejected = gateway.call("planner.p1", "POST", path, "decision",
                            json={"accept": False, "reason": "the contract date holds"})
    assert (rejected["status"], rejected["decision_reason"]) == (
        "rejected", "the contract date holds")
    listed = gateway.call("buyer.p2", "GET", "/planning/objections", "objections",
                          params={"order_no": order_no})
    assert [(o["objection_no"], o["status"]) for o in listed] == [
        (objection["objection_no"], "rejected")]
    assert gateway.call("planner.p1", "GET", f"/planning/plans/{order_no}", "plan")[
        "planned_completion"] == plan["planned_completion"]


def test_an_objection_left_open_escalates_to_the_objecting_companys_gm(breaching_suite):
    # rule PLN-6, CO-2, X-1, X-2
    gateway = Gateway(breaching_suite.url, Stats())
    order_no, plan = planned_p1_order(gateway)
    objection = object_as_p2(gateway, plan, timedelta(days=5))

    def pln6_in_inbox(user: str) -> list[dict]:
        return [i for i in gateway.call(user, "GET", "/me/inbox", "inbox")
                if i["order_no"] == order_no and i["rule_id"] == "PLN-6"]

    [item] = gateway.poll(lambda: pln6_in_inbox("gm.p2"), "the breach in P2's GM's inbox")
    assert (item["rung"], item["company_id"]) == ("general_manager", "P2")
    assert objection["objection_no"] in item["description"]
    for other in ("gm.p1", "lead.planning.p1", "planner.p1"):
        assert not pln6_in_inbox(other), f"{other} is not the objector's GM"
