"""Supplier follow-up through the gateway (PRC-4, PRC-5): the buyer records the supplier's
confirmed ship date, which meets the 5-working-day limit of a long-lead PO, and a slip is
reported with a remedy; the journey shows each limit."""

from __future__ import annotations

from datetime import date, timedelta

from simulate import Journey, OrderPlan


def effective_order(gateway) -> Journey:
    """An order instructed to production, its purchase orders placed (PRC-2)."""
    journey = Journey(gateway, OrderPlan(company="P1", customer="CUST-001", product="KYN28-12",
                                         quantity=1, reject_first_lot=False))
    order = journey.intake()
    journey.review()
    journey.contract_and_pay_deposit(order)
    journey.instruct()
    return journey


def purchase_orders(gateway, order_no: str) -> list[dict]:
    """The order's purchase orders once procurement answered every material request (a
    purchase order, stock, or a sister company's transfer): one event per material, so an
    early listing may hold only some of them (PRC-2, PRC-3)."""
    def placed():
        plan = gateway.call("planner.p1", "GET", f"/planning/plans/{order_no}", "plan")
        requests = plan["material_requests"]
        transferred = {t["request_no"] for t in gateway.call(
            "buyer.p1", "GET", "/procurement/transfers", "transfers",
            params={"order_no": order_no})}
        if not requests or any(r["status"] == "requested" and not r["po_no"]
                               and r["request_no"] not in transferred for r in requests):
            return None
        pos = [po for po in gateway.call("buyer.p1", "GET", "/procurement/purchase-orders",
                                         "po", params={"order_no": order_no})
               if po["order_no"] == order_no]
        wanted = {r["po_no"] for r in requests if r["po_no"]}
        return pos if wanted <= {po["po_no"] for po in pos} else None

    return gateway.poll(placed, f"purchase orders of {order_no}")


def journey_view(gateway, order_no: str) -> dict:
    return gateway.call("sales.p1", "GET", f"/orders/{order_no}/journey", "journey")


def test_a_long_lead_po_confirmed_by_the_supplier_does_not_breach_prc_4(gateway, api):
    journey = effective_order(gateway)
    pos = purchase_orders(gateway, journey.order_no)
    long_lead = [po for po in pos if po["material_code"] == "BRK-VS1-12"]  # 15 working days
    assert long_lead, pos
    for po in pos:
        gateway.call("buyer.p1", "POST", f"/procurement/purchase-orders/{po['po_no']}/ship-date",
                     "ship-date", json={"ship_date": po["confirmed_date"]})
    view = journey_view(gateway, journey.order_no)
    prc4 = [d for d in view["deadlines"] if d["subject"].startswith("PO ")]
    assert {d["rule_id"] for d in prc4} == {"PRC-4"}
    assert {d["subject"] for d in prc4} >= {f"PO {po['po_no']}" for po in long_lead}
    # the long-lead POs were confirmed in time; a short-lead one (under 5 working days, a
    # material the stores ran out of) was due at once: met, late
    confirmed_in_time = {f"PO {po['po_no']}" for po in long_lead}
    assert all(d["status"] == "met" and d["breached_at"] is None
               for d in prc4 if d["subject"] in confirmed_in_time), prc4
    assert all(d["met_at"] for d in prc4), prc4
    # PRC-5: each confirmed ship date opened its ship-day check, visible in the journey
    assert {d["subject"] for d in view["deadlines"] if d["rule_id"] == "PRC-5"} == {
        f"ship day of PO {po['po_no']} ({po['confirmed_date']})" for po in pos}
    # a sales clerk does not record supplier confirmations
    refused = api.post(f"/procurement/purchase-orders/{long_lead[0]['po_no']}/ship-date",
                       headers={"Authorization": f"Bearer {gateway.token('sales.p1')}"},
                       json={"ship_date": long_lead[0]["confirmed_date"]})
    assert refused.status_code == 403


def test_a_slip_is_reported_with_a_remedy_within_its_limit(gateway):  # rule PRC-4
    journey = effective_order(gateway)
    po = next(po for po in purchase_orders(gateway, journey.order_no)
              if po["material_code"] == "BRK-VS1-12")
    late = (date.today() + timedelta(days=200)).isoformat()  # after the needed-by date
    confirmed = gateway.call("buyer.p1", "POST",
                             f"/procurement/purchase-orders/{po['po_no']}/ship-date",
                             "ship-date", json={"ship_date": late})
    assert confirmed["slipped"] is True
    slip = f"slip of PO {po['po_no']} (ships {late})"
    deadlines = {d["subject"]: d for d in journey_view(gateway, journey.order_no)["deadlines"]}
    assert deadlines[slip]["status"] == "open"
    reported = gateway.call("buyer.p1", "POST", f"/procurement/purchase-orders/{po['po_no']}/slip",
                            "slip", json={"remedy": "borrow_from_sister", "holds": True,
                                          "note": "S1 lends two breakers"})
    assert reported["remedy"] == "borrow_from_sister"
    view = journey_view(gateway, journey.order_no)
    assert {d["subject"]: d["status"] for d in view["deadlines"]}[slip] == "met"
    assert any(s["stage"] == "slip reported" and "borrow_from_sister" in s["summary"]
               for s in view["stages"])
