"""A slip no remedy can absorb, through the gateway (PRC-7, SAL-11): procurement tells
planning the new material date, planning re-dates the work orders needing the material
on the working-day calendar and tells sales the new forecast, and sales records the
later delivery date the customer agreed."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from test_supplier_follow_up import effective_order, journey_view, purchase_orders

from servicekit.workcalendar import DEFAULT_CALENDAR

SHANGHAI = ZoneInfo("Asia/Shanghai")
LATE_MATERIAL = "BRK-VS1-12"  # the long-lead breaker of KYN28-12


def plan_of(gateway, order_no: str) -> dict:
    return gateway.call("planner.p1", "GET", f"/planning/plans/{order_no}", "plan")


def order_of(gateway, order_no: str) -> dict:
    return gateway.call("sales.p1", "GET", f"/sales/orders/{order_no}", "order")


def report_unholdable_slip(gateway, po: dict, new_material_date: date) -> dict:
    gateway.call("buyer.p1", "POST", f"/procurement/purchase-orders/{po['po_no']}/ship-date",
                 "ship-date", json={"ship_date": (new_material_date - timedelta(days=3))
                                    .isoformat()})
    return gateway.call("buyer.p1", "POST", f"/procurement/purchase-orders/{po['po_no']}/slip",
                        "slip", json={"remedy": "expedite", "holds": False,
                                      "new_material_date": new_material_date.isoformat(),
                                      "note": "air freight still lands late"})


def test_a_slip_whose_remedy_cannot_hold_re_dates_the_plan_and_the_order_prc_7(gateway, api):
    journey = effective_order(gateway)
    no = journey.order_no
    po = next(po for po in purchase_orders(gateway, no) if po["material_code"] == LATE_MATERIAL)
    before = gateway.poll(lambda: plan_of(gateway, no), "the plan")
    new_material_date = date.today() + timedelta(days=200)  # far after the needed-by date

    report_unholdable_slip(gateway, po, new_material_date)

    # planning: no work order needing the breaker starts before it is in store (the first
    # working day after it arrives), each keeps its working-time length
    earliest = DEFAULT_CALENDAR.start_of_business(DEFAULT_CALENDAR.next_workday(
        new_material_date))
    after = gateway.poll(lambda: (lambda p: p if p["planned_completion"] !=
                                  before["planned_completion"] else None)(plan_of(gateway, no)),
                         "the plan re-dated from the new material date")
    starts = {wo["work_order_no"]: datetime.fromisoformat(wo["planned_start"])
              for wo in after["work_orders"]}
    assert starts and all(start >= earliest for start in starts.values()), (starts, earliest)
    for old, new in zip(before["work_orders"], after["work_orders"], strict=True):
        length = DEFAULT_CALENDAR.working_time_between
        assert length(datetime.fromisoformat(new["planned_start"]),
                      datetime.fromisoformat(new["planned_finish"])) == length(
            datetime.fromisoformat(old["planned_start"]),
            datetime.fromisoformat(old["planned_finish"]))
        assert all(datetime.fromisoformat(op["planned_start"]) >= earliest
                   for op in new["operations"])
    assert {r["material_code"]: r["eta"] for r in after["material_requests"]}[
        LATE_MATERIAL] == new_material_date.isoformat()

    # sales: the new forecast is on the order (SAL-11), later than the confirmed date
    order = gateway.poll(lambda: (lambda o: o if o["planned_completion"] and datetime
                                  .fromisoformat(o["planned_completion"]) == datetime
                                  .fromisoformat(after["planned_completion"]) else None)(
        order_of(gateway, no)), "the new forecast on the order")
    assert "after the confirmed date" in order["status_note"]
    forecast = datetime.fromisoformat(after["planned_completion"]).astimezone(SHANGHAI).date()

    # a date production cannot make is refused; the agreed one goes on every line
    too_early = api.post(f"/sales/orders/{no}/delivery-date",
                         headers={"Authorization": f"Bearer {gateway.token('sales.p1')}"},
                         json={"new_date": (forecast - timedelta(days=1)).isoformat()})
    assert too_early.status_code == 422, too_early.text
    agreed_date = forecast + timedelta(days=5)
    agreed = gateway.call("sales.p1", "POST", f"/sales/orders/{no}/delivery-date",
                          "delivery-date", json={"new_date": agreed_date.isoformat(),
                                                 "note": "customer accepts by phone"})
    assert agreed["confirmed_date"] == agreed_date.isoformat()
    order = order_of(gateway, no)
    assert {line["confirmed_date"] for line in order["lines"]} == {agreed_date.isoformat()}
    assert order["status_note"] == ""
    stages = {s["stage"]: s["summary"] for s in journey_view(gateway, no)["stages"]}
    assert agreed_date.isoformat() in stages["customer agreed a new delivery date"]
    assert "PRC-7" in stages["forecast completion"]
    # only sales records the customer's agreement
    refused = api.post(f"/sales/orders/{no}/delivery-date",
                       headers={"Authorization": f"Bearer {gateway.token('buyer.p1')}"},
                       json={"new_date": agreed_date.isoformat()})
    assert refused.status_code == 403
