"""Closing a production order and the production statistics through the gateway (PLN-13,
PLN-14): an order of P1 runs its journey to the finished-goods store while quality scraps
one of its units (QLT-4); the planner closes it — refused before it is stocked and a second
time — the plan and the journey show the closing, and the period's on-time and defect rates
move by exactly this order."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from decimal import ROUND_DOWN, Decimal

from simulate import Journey, OrderPlan

SHANGHAI = timezone(timedelta(hours=8))
CLOSING = {"actual_cost": "65000.00", "planned_cost": "62000.00", "actual_hours": "10",
           "note": "one cabinet scrapped after a cracked door"}


def rate(part, whole) -> Decimal:
    return (Decimal(part) / Decimal(whole)).quantize(Decimal("0.0001"), rounding=ROUND_DOWN)


def statistics(gateway, user="planner.p1", **params) -> dict:
    today = datetime.now(SHANGHAI).date().isoformat()
    params = {"company_id": "P1", "from": today, "to": today, **params}
    return gateway.call(user, "GET", "/planning/statistics", "statistics",
                        params={k: v for k, v in params.items() if v is not None})


def scrap_one(gateway, order_no: str) -> str:
    """QLT-4: an in-process finding, its NCR disposed as scrap."""
    finding = gateway.call("qc.p1", "POST", "/quality/findings", "findings", json={
        "company_id": "P1", "order_no": order_no, "kind": "internal_rework",
        "description": "door panel cracked in assembly", "product_code": "GGD-400",
        "quantity": "1"})
    gateway.call("qc.p1", "POST", f"/quality/nonconformances/{finding['ncr_no']}/disposition",
                 "disposition", json={"disposition": "scrap", "owner": "workshop 1 leader",
                                      "cause": "door panel cracked"})
    return finding["ncr_no"]


def test_an_order_is_closed_once_stocked_and_moves_the_periods_rates(gateway):
    # rule PLN-13, PLN-14, PLN-12, QLT-4, X-3
    before = statistics(gateway)
    journey = Journey(gateway, OrderPlan(company="P1", customer="CUST-001", product="GGD-400",
                                         quantity=2, reject_first_lot=False))
    order = journey.intake()
    journey.review()
    journey.contract_and_pay_deposit(order)
    journey.instruct()
    journey.procure_and_inspect()
    journey.notify_packaging()
    journey.produce()
    order_no = journey.order_no
    path = f"/planning/plans/{order_no}/closing"
    early = gateway.send("planner.p1", "POST", path, "closing", json=CLOSING)
    assert early.status_code == 409, "produced but not stocked: not closed yet (PLN-12)"
    ncr_no = scrap_one(gateway, order_no)
    gateway.poll(lambda: [r for r in gateway.call(
        "planner.p1", "GET", "/planning/rework-orders", "rework", params={"order_no": order_no})
        if r["ncr_no"] == ncr_no], "the scrap record in planning")
    journey.final_inspection()
    gateway.poll(lambda: journey._plan()["status"] == "completed", "the order stocked")

    assert gateway.send("qc.p1", "POST", path, "closing", json=CLOSING).status_code == 403
    closed = gateway.call("planner.p1", "POST", path, "closing", json=CLOSING,
                          expect=(201,))
    assert closed["on_time"] is True
    assert (Decimal(closed["planned_quantity"]), Decimal(closed["produced_quantity"]),
            Decimal(closed["scrapped_quantity"]), Decimal(closed["good_quantity"]),
            Decimal(closed["quantity_variance"])) == (2, 2, 1, 1, -1)
    assert Decimal(closed["cost_variance"]) == Decimal("3000.00")
    # GGD-400's routing: 120 + 90 + 30 minutes a unit; 1 good unit earns 4 h of 10 booked
    assert (Decimal(closed["standard_hours"]), Decimal(closed["earned_hours"]),
            Decimal(closed["efficiency"])) == (8, 4, Decimal("0.4"))
    again = gateway.send("planner.p1", "POST", path, "closing", json=CLOSING)
    assert again.status_code == 409 and "closed already" in again.text

    assert journey._plan()["status"] == "closed"
    assert gateway.call("gm.p1", "GET", path, "closing")["closing_no"] == closed["closing_no"]
    view = gateway.call("sales.p1", "GET", f"/orders/{order_no}/journey", "journey")
    [stage] = [s for s in view["stages"] if s["stage"] == "order closed"]
    assert stage["department"] == "planning" and "1 good of 2 planned" in stage["summary"]

    after = statistics(gateway)
    on_time, defects = after["on_time"], after["defects"]
    assert on_time["orders_completed"] == before["on_time"]["orders_completed"] + 1
    assert on_time["orders_on_time"] == before["on_time"]["orders_on_time"] + 1
    assert Decimal(on_time["order_rate"]) == rate(on_time["orders_on_time"],
                                                  on_time["orders_completed"])
    assert Decimal(defects["produced_units"]) == Decimal(
        before["defects"]["produced_units"]) + 2
    assert Decimal(defects["scrapped_units"]) == Decimal(
        before["defects"]["scrapped_units"]) + 1
    assert Decimal(defects["defect_rate"]) == rate(defects["defective_units"],
                                                   defects["produced_units"])
    assert after["efficiency"]["closed_orders"] == before["efficiency"]["closed_orders"] + 1


def test_statistics_are_bounded_and_group_wide_only_for_the_group(gateway, api):
    # rule PLN-14
    plan_centre = statistics(gateway, work_centre="P1-TEST")
    assert [u["work_centre"] for u in plan_centre["utilisation"]] == ["P1-TEST"]
    assert Decimal(plan_centre["utilisation"][0]["available_hours"]) in (0, 8)  # one day
    today = datetime.now(UTC).date()
    too_long = gateway.send("planner.p1", "GET", "/planning/statistics", "statistics",
                            params={"company_id": "P1", "from": today.isoformat(),
                                    "to": (today + timedelta(days=400)).isoformat()})
    assert too_long.status_code == 422
    own_only = gateway.send("planner.p1", "GET", "/planning/statistics", "statistics",
                            params={"from": today.isoformat(), "to": today.isoformat()})
    assert own_only.status_code == 403
    group = statistics(gateway, user="group.gm", company_id=None)
    assert {"P1", "P2"} <= {u["company_id"] for u in group["utilisation"]}
    assert gateway.send("sales.p1", "GET", "/planning/statistics", "statistics",
                        params={"company_id": "P1", "from": today.isoformat(),
                                "to": today.isoformat()}).status_code == 403
