"""Process control through the gateway (PLN-8): a published plan's work order has its
preparation check due a working day before it starts, visible on the order's journey;
the check shows what planning knows (materials in store) and, answered in full, meets
the limit (that it cannot pass missing materials is shown in the service tier);
progress is reported daily and kept as a history, and a late forecast is a deviation
answered with a recorded remedy."""

from __future__ import annotations

from datetime import datetime, timedelta

from simulate import Journey, OrderPlan

ITEMS = ("people", "machines", "materials", "co_production", "purchases", "design")


def pln8(gateway, no: str, description: str) -> list[dict]:
    view = gateway.call("sales.p1", "GET", f"/orders/{no}/journey", "journey")
    return [d for d in view["deadlines"] if d["rule_id"] == "PLN-8"
            and d["description"].startswith(description)]


def test_a_work_order_is_prepared_reported_daily_and_its_deviation_answered(gateway, api):
    journey = Journey(gateway, OrderPlan(company="P1", customer="CUST-001", product="GGD-400",
                                         quantity=1, reject_first_lot=False))
    order = journey.intake()
    journey.review()
    journey.contract_and_pay_deposit(order)
    journey.instruct()  # sales instructs, the planner publishes (PLN-1)
    no = journey.order_no
    [wo] = gateway.poll(journey._plan, "the plan")["work_orders"]
    wo_no = wo["work_order_no"]
    [prepare] = pln8(gateway, no, "Remind the workshop")
    assert prepare["status"] == "open"
    base = f"/planning/work-orders/{wo_no}"
    every_item_ok = {"items": [{"item": item, "ok": True} for item in ITEMS]}
    journey.procure_and_inspect()
    control = gateway.call("planner.p1", "GET", f"{base}/process-control", "process-control")
    facts = {f["item"]: f for f in control["facts"]}
    assert facts["materials"]["ready"] is True and "in store" in facts["materials"]["sentence"]
    assert facts["people"]["ready"] is None  # the workshop's to judge
    planner = {"Authorization": f"Bearer {gateway.token('planner.p1')}"}
    half = {"items": every_item_ok["items"][:5]}
    refused = api.post(f"{base}/preparation-check", headers=planner, json=half)
    assert refused.status_code == 422  # every item is answered
    gateway.call("planner.p1", "POST", f"{base}/preparation-check", "preparation-check",
                 json=every_item_ok)
    assert [d["status"] for d in pln8(gateway, no, "Remind the workshop")] == ["met"]

    gateway.call("planner.p1", "POST", f"{base}/release", "release")
    assert [d["status"] for d in pln8(gateway, no, "Report a released")] == ["open"]
    late = (datetime.fromisoformat(wo["planned_finish"]) + timedelta(days=3)).isoformat()
    gateway.call("planner.p1", "POST", f"{base}/progress", "progress",
                 json={"completed_quantity": "0.4", "note": "enclosure welding",
                       "forecast_completion": late})
    gateway.call("planner.p1", "POST", f"{base}/remedies", "remedies",
                 json={"kind": "overtime", "note": "second shift on Saturday"})
    control = gateway.call("planner.p1", "GET", f"{base}/process-control", "process-control")
    [report] = control["progress"]
    assert (report["completed"], report["remaining"], report["deviation"]) == (
        "0.400", "0.600", True)
    assert control["deviation"] is True and control["remedies"][0]["kind"] == "overtime"
    assert sorted(d["status"] for d in pln8(gateway, no, "Report a released")) == [
        "met", "open"]  # today's report met, tomorrow's due
    view = gateway.call("sales.p1", "GET", f"/orders/{no}/journey", "journey")
    summaries = {s["stage"]: s["summary"] for s in view["stages"]}
    assert summaries[f"remedy {wo_no}"] == "overtime: second shift on Saturday"
    assert f"preparation {wo_no}" in summaries
