"""Order follow-up through the gateway (SAL-9, SAL-11): the follow-up task appears on the
right working day of the Chinese calendar — 3 working days before the confirmed date,
counted around the National Day holiday — and a late forecast from planning produces the
urge note with its tracked final deadline."""

from __future__ import annotations

from datetime import datetime

from servicekit.workcalendar import SHANGHAI

from simulate import Journey, OrderPlan

# Delivery on Friday 2027-10-08, the day after the National Day week (Oct 1-7): three
# working days before it are Tue 28 Sep (the window opens), Wed 29 Sep (due), Thu 30 Sep.
# Without the holiday the task would open on Tue 5 Oct.
DELIVERY = "2027-10-08"


def shanghai(moment: str) -> str:
    """A moment of the API as the company's local wall time."""
    return datetime.fromisoformat(moment).astimezone(SHANGHAI).strftime("%Y-%m-%d %H:%M")


def instructed(gateway) -> str:
    journey = Journey(gateway, OrderPlan(company="P1", customer="CUST-003", product="GGD-400",
                                         quantity=1, reject_first_lot=False))
    order = gateway.call("sales.p1", "POST", "/sales/orders", "orders", json={
        "company_id": "P1", "customer_code": "CUST-003",
        "lines": [{"product_code": "GGD-400", "quantity": "1", "requested_date": DELIVERY}]})
    journey.order_no = order["order_no"]
    assert journey._sales("review")["status"] == "reviewed"
    journey.contract_and_pay_deposit(order)
    journey.instruct()
    gateway.poll(journey._plan, f"the plan of {journey.order_no}")  # planning hears it (SAL-7)
    return journey.order_no


def tasks_on(gateway, day: str, order_no: str) -> list[dict]:
    return [t for t in gateway.call("sales.p1", "GET", "/sales/follow-ups", "follow-ups",
                                    params={"on": day}) if t["order_no"] == order_no]


def test_the_follow_up_task_appears_three_working_days_before_delivery_around_a_holiday(
        gateway):  # rule SAL-9, X-1 (Chinese working-day calendar)
    no = instructed(gateway)
    assert tasks_on(gateway, "2027-09-27", no) == []
    [task] = tasks_on(gateway, "2027-09-28", no)
    assert shanghai(task["window_opens"]) == "2027-09-28 08:00"
    assert shanghai(task["due_at"]) == "2027-09-29 08:00"
    view = gateway.call("sales.p1", "GET", f"/orders/{no}/journey", "journey")
    [sal9] = [d for d in view["deadlines"] if d["rule_id"] == "SAL-9"]
    assert (sal9["status"], shanghai(sal9["due_at"])) == ("open", "2027-09-29 08:00")


def test_a_late_forecast_produces_the_urge_note_with_a_tracked_final_deadline(gateway):
    no = instructed(gateway)
    gateway.call("planner.p1", "POST", f"/planning/plans/{no}/forecast", "forecast",
                 json={"forecast_completion": "2027-10-15T17:00:00+08:00",
                       "reason": "enclosure supplier behind"})  # SAL-11: sales is told
    gateway.poll(lambda: "after the confirmed date" in gateway.call(
        "sales.p1", "GET", f"/sales/orders/{no}", "order")["status_note"], "the late forecast")
    checked = gateway.call("sales.p1", "POST", f"/sales/orders/{no}/follow-up", "follow-up",
                           json={"confirmed_date": DELIVERY, "note": "enclosures late"})
    assert checked["deviation"] is True
    urged = gateway.call("sales.p1", "POST", f"/sales/orders/{no}/urge-note", "urge-note",
                         json={"confirmed_date": DELIVERY, "new_date": "2027-10-20",
                               "final_deadline": "2027-10-18"})
    assert urged["urge_note_no"]
    view = gateway.call("sales.p1", "GET", f"/orders/{no}/journey", "journey")
    stages = [s["stage"] for s in view["stages"] if s["department"] == "sales"]
    assert {"forecast completion", "customer told a new date", "urge note"} <= set(stages)
    limits = {d["description"].split(":")[0]: d for d in view["deadlines"]
              if d["rule_id"] == "SAL-9"}
    assert limits["Check the order's real progress before the confirmed delivery date"][
        "status"] == "met"
    urge = limits["Production completes by the urge note's final deadline"]
    assert (urge["status"], shanghai(urge["due_at"])) == ("open", "2027-10-18 17:00")
