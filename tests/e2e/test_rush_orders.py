"""Rush orders through the gateway (ORD-4, PLN-9, SAL-11): the victims shown before approval,
the instruction refused until leadership approves, then exactly the predicted moves.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from simulate import Journey, OrderPlan
from suite_harness import bearer


def planned_order(gateway, quantity: int) -> str:
    journey = Journey(gateway, OrderPlan(company="P1", customer="CUST-003", product="KYN28-12",
                                         quantity=quantity, reject_first_lot=False))
    journey.intake()
    journey.review()
    journey.contract_and_pay_deposit({})
    journey.instruct()
    gateway.poll(journey._plan, f"the plan of {journey.order_no}")
    return journey.order_no


def finishes(gateway) -> dict[str, str]:
    work_orders = gateway.call("planner.p1", "GET", "/planning/work-orders", "work-orders",
                               params={"limit": 1000})
    return {wo["work_order_no"]: wo["planned_finish"] for wo in work_orders}


def test_a_rush_order_shows_its_victims_waits_for_leadership_and_moves_exactly_them(api, gateway):
    victims = [planned_order(gateway, 4), planned_order(gateway, 3)]
    rush = gateway.call("sales.p1", "POST", "/sales/orders", "orders", json={
        "company_id": "P1", "customer_code": "CUST-002", "rush": True,
        "lines": [{"product_code": "KYN28-12", "quantity": "2",
                   "requested_date": (date.today() + timedelta(days=90)).isoformat()}]})
    no = rush["order_no"]
    gateway.poll(lambda: gateway.call("planner.p1", "GET", f"/planning/demands/{no}", "demand",
                                      expect=(200, 404)).get("order_no"), "planning's demand")

    # PLN-9: before any approval, the orders it delays, per order and line, old and new
    impact = gateway.call("planner.p1", "POST", f"/planning/rush-orders/{no}/impact", "impact")
    assert impact["status"] == "proposed" and impact["needs"] == ["general_manager"]
    listed = {i["work_order_no"]: i for i in impact["impacts"]}
    assert set(victims) <= {i["order_no"] for i in impact["impacts"]}
    assert all(i["delay_minutes"] > 0 and i["new_finish"] > i["old_finish"]
               for i in listed.values())

    # ORD-4: the production instruction is refused until leadership approves
    journey = Journey(gateway, OrderPlan(company="P1", customer="CUST-002", product="KYN28-12",
                                         quantity=2, reject_first_lot=False))
    journey.order_no = no
    journey.review()
    journey.contract_and_pay_deposit({})
    refused = api.post(f"/sales/orders/{no}/production-instruction",
                       headers={**bearer(gateway, "sales.p1"), "Idempotency-Key": "rush-1"})
    assert refused.status_code == 409 and "approval" in refused.text
    planner_tries = api.post(f"/planning/rush-orders/{no}/approve",
                             headers={**bearer(gateway, "planner.p1"), "Idempotency-Key": "p"})
    assert planner_tries.status_code == 403  # leadership decides

    before = finishes(gateway)
    approved = gateway.call("gm.p1", "POST", f"/planning/rush-orders/{no}/approve", "approve")
    assert approved["status"] == "approved"
    after = finishes(gateway)

    moved = {wo for wo in before if after.get(wo) != before[wo]}
    assert moved == set(listed), "exactly the listed orders moved"
    for wo, item in listed.items():
        assert datetime.fromisoformat(after[wo]) == datetime.fromisoformat(item["new_finish"])
        assert datetime.fromisoformat(before[wo]) == datetime.fromisoformat(item["old_finish"])

    # SAL-11: sales is told of each re-dated order
    for victim in victims:
        plan = gateway.call("planner.p1", "GET", f"/planning/plans/{victim}", "plan")

        def told(victim=victim, completion=datetime.fromisoformat(plan["planned_completion"])):
            order = gateway.call("sales.p1", "GET", f"/sales/orders/{victim}", "order")
            return (order["planned_completion"]
                    and datetime.fromisoformat(order["planned_completion"]) == completion)
        gateway.poll(told, f"sales to hear that {victim} was re-dated")

    # now the instruction goes through, and the rush order gets the slots its approval held
    gateway.poll(lambda: api.post(f"/sales/orders/{no}/production-instruction",
                                  headers={**bearer(gateway, "sales.p1"),
                                           "Idempotency-Key": f"rush-{datetime.now()}"}
                                  ).status_code == 200, "the instruction once approved")
    plan = gateway.poll(journey._plan, "the rush order's plan")
    assert datetime.fromisoformat(plan["planned_completion"]) == datetime.fromisoformat(
        impact["rush_completion"])
