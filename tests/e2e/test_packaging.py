"""The packaging notice through the gateway on the real broker (LOG-1): its limit is timed by
planning's forecast completion and moves when a progress report moves the forecast."""

from __future__ import annotations

from datetime import datetime, timedelta

from servicekit.timelimits import X1_TIME_LIMITS, due_at

from simulate import Journey, OrderPlan

OTHER = X1_TIME_LIMITS["LOG-1.packaging_notice_other"]  # GGD-400 is no complete set


def log1(gateway, order_no: str) -> dict | None:
    view = gateway.call("sales.p1", "GET", f"/orders/{order_no}/journey", "journey")
    found = [d for d in view["deadlines"] if d["rule_id"] == "LOG-1"]
    return found[0] if found else None


def test_the_packaging_notices_limit_moves_when_the_forecast_completion_moves(gateway):
    journey = Journey(gateway, OrderPlan(company="P1", customer="CUST-003", product="GGD-400",
                                         quantity=1, reject_first_lot=False))
    order = journey.intake()
    journey.review()
    journey.contract_and_pay_deposit(order)
    journey.instruct()
    journey.procure_and_inspect()
    no = journey.order_no
    [notice] = gateway.poll(lambda: gateway.call(
        "planner.p1", "GET", "/logistics/packaging-notices", "notices",
        params={"order_no": no}), "the packaging notice due")
    ready = datetime.fromisoformat(notice["goods_ready_at"])
    first = gateway.poll(lambda: log1(gateway, no), "LOG-1 on the journey")
    assert datetime.fromisoformat(first["due_at"]) == due_at(OTHER, ready)

    # PLN-8: the daily report says the order will be a week late
    plan = gateway.call("planner.p1", "GET", f"/planning/plans/{no}", "plan")
    work_order = plan["work_orders"][0]["work_order_no"]
    gateway.call("planner.p1", "POST", f"/planning/work-orders/{work_order}/release", "release")
    later = ready + timedelta(days=7)
    gateway.call("planner.p1", "POST", f"/planning/work-orders/{work_order}/progress",
                 "progress", json={"completed_quantity": "0",
                                   "forecast_completion": later.isoformat()})

    def moved():
        limit = log1(gateway, no)
        return limit if datetime.fromisoformat(limit["due_at"]) != due_at(OTHER, ready) \
            else None

    limit = gateway.poll(moved, "LOG-1 moved with the forecast")
    assert datetime.fromisoformat(limit["due_at"]) == due_at(OTHER, later)
    assert limit["status"] == "open"
    order = gateway.call("sales.p1", "GET", f"/sales/orders/{no}", "order")
    assert datetime.fromisoformat(order["planned_completion"]) == later  # SAL-11 too

    told = journey.notify_packaging()
    assert told["status"] == "notified" and told["ready_moves"] == 1
    assert log1(gateway, no)["status"] == "met"
