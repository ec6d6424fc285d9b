"""Re-sequencing under overload through the gateway (PLN-7, SAL-11): planning proposes a
new sequence with its consequences; the production manager and the contract & order manager
both approve; only then are the affected orders re-dated, exactly as proposed.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from simulate import Journey, OrderPlan
from suite_harness import bearer


def planned(gateway, customer: str, quantity: int, due_in_days: int) -> str:
    order = gateway.call("sales.p1", "POST", "/sales/orders", "orders", json={
        "company_id": "P1", "customer_code": customer,
        "lines": [{"product_code": "KYN28-12", "quantity": str(quantity),
                   "requested_date": (date.today() + timedelta(days=due_in_days)).isoformat()}]})
    journey = Journey(gateway, OrderPlan(company="P1", customer=customer, product="KYN28-12",
                                         quantity=quantity, reject_first_lot=False))
    journey.order_no = order["order_no"]
    journey.review()
    journey.contract_and_pay_deposit({})
    journey.instruct()
    gateway.poll(journey._plan, f"the plan of {journey.order_no}")
    return journey.order_no


def finishes(gateway) -> dict[str, str]:
    return {wo["work_order_no"]: wo["planned_finish"] for wo in gateway.call(
        "planner.p1", "GET", "/planning/work-orders", "work-orders", params={"limit": 1000})}


def test_a_resequence_needs_both_managers_and_then_re_dates_the_affected_orders(api, gateway):
    planned(gateway, "CUST-003", 6, due_in_days=150)  # grade C, due late, planned first
    urgent = planned(gateway, "CUST-001", 2, due_in_days=20)  # grade A, due soon, queued

    proposal = gateway.call("planner.p1", "POST", "/planning/live-plans/P1/resequence",
                            "resequence")
    assert proposal["status"] == "proposed"
    assert proposal["needs"] == ["production_manager", "contract_management"]
    moved = {i["work_order_no"]: i for i in proposal["impacts"]}
    assert any(i["order_no"] == urgent and i["delay_minutes"] < 0 for i in moved.values())
    no = proposal["proposal_no"]

    before = finishes(gateway)
    first = gateway.call("prod.p1", "POST", f"/planning/resequences/{no}/approve", "approve")
    assert first["status"] == "proposed" and first["needs"] == ["contract_management"]
    assert finishes(gateway) == before, "one approval changes nothing"
    again = api.post(f"/planning/resequences/{no}/approve",
                     headers={**bearer(gateway, "prod.p1"), "Idempotency-Key": "again"})
    assert again.status_code == 409  # the same manager cannot approve twice
    planner = api.post(f"/planning/resequences/{no}/approve",
                       headers={**bearer(gateway, "planner.p1"), "Idempotency-Key": "pl"})
    assert planner.status_code == 403

    done = gateway.call("contracts.p1", "POST", f"/planning/resequences/{no}/approve",
                        "approve")
    assert done["status"] == "approved" and done["needs"] == []
    after = finishes(gateway)
    assert {wo for wo in before if after.get(wo) != before[wo]} == set(moved)
    for wo, item in moved.items():
        assert datetime.fromisoformat(after[wo]) == datetime.fromisoformat(item["new_finish"])

    plan = gateway.call("planner.p1", "GET", f"/planning/plans/{urgent}", "plan")
    completion = datetime.fromisoformat(plan["planned_completion"])

    def told():  # SAL-11: sales has the new date to tell the customer
        order = gateway.call("sales.p1", "GET", f"/sales/orders/{urgent}", "order")
        return (order["planned_completion"]
                and datetime.fromisoformat(order["planned_completion"]) == completion)
    gateway.poll(told, "sales to hear the urgent order's new date")
