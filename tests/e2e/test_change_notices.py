"""Customer change notices through the gateway (SAL-8): recorded with the 30-minute answer
limit, classified with a reason, applied downstream as a saga in planning, procurement and
quality — or refused by one department and rolled back in the others, the order keeping
its previous revision."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal

from simulate import Journey, OrderPlan


def instructed_order(gateway, quantity: int = 2) -> Journey:
    """An order instructed to production, planned, its purchase orders placed."""
    journey = Journey(gateway, OrderPlan(company="P1", customer="CUST-001", product="KYN28-12",
                                         quantity=quantity, reject_first_lot=False))
    order = journey.intake()
    journey.review()
    journey.contract_and_pay_deposit(order)
    journey.instruct()
    gateway.poll(lambda: [po for po in purchase_orders(gateway, journey.order_no)
                          if po["material_code"] == "BRK-VS1-12"], "the breaker's PO")
    return journey


def purchase_orders(gateway, order_no: str) -> list[dict]:
    return [po for po in gateway.call("buyer.p1", "GET", "/procurement/purchase-orders", "po",
                                      params={"order_no": order_no})
            if po["order_no"] == order_no]


def plan(gateway, order_no: str) -> dict:
    return gateway.call("planner.p1", "GET", f"/planning/plans/{order_no}", "plan")


def change_quantity(gateway, order_no: str, quantity: str) -> dict:
    change = gateway.call("sales.p1", "POST", f"/sales/orders/{order_no}/changes", "changes",
                          json={"received_at": datetime.now(UTC).isoformat(),
                                "received_from": "customer's purchasing, by fax",
                                "description": "one cabinet fewer",
                                "lines": [{"line_no": 1, "quantity": quantity}],
                                "quality_requirement": "IP4X enclosure test on every cabinet"})
    assert change["status"] == "received"
    return gateway.call("sales.p1", "POST", f"/sales/changes/{change['change_no']}/classification",
                        "classify", json={"severity": 1, "reason": "quantity only: the plan "
                                          "and its dates hold"})


def settled(gateway, change_no: str) -> dict:
    return gateway.poll(lambda: (c := gateway.call("sales.p1", "GET", f"/sales/changes/{change_no}",
                                                   "change"))["status"] in ("applied",
                                                                           "rolled_back") and c,
                        f"change {change_no} settled")


def stages(gateway, order_no: str, department: str) -> list[str]:
    view = gateway.call("sales.p1", "GET", f"/orders/{order_no}/journey", "journey")
    return [s["stage"] for s in view["stages"] if s["department"] == department]


def test_a_severity_1_change_is_applied_in_planning_procurement_and_quality(gateway):
    journey = instructed_order(gateway)
    no = journey.order_no
    issued = change_quantity(gateway, no, "1")
    assert issued["status"] == "issued" and issued["severity"] == 1
    change = settled(gateway, issued["change_no"])

    assert change["status"] == "applied", change
    assert {(o["department"], o["applied"]) for o in change["outcomes"]} == {
        ("planning", True), ("procurement", True), ("quality", True)}
    # the order is on revision 2; revision 1 is kept and readable
    revisions = gateway.call("sales.p1", "GET", f"/sales/orders/{no}/revisions", "revisions")
    assert [(r["revision"], r["current"], Decimal(r["lines"][0]["quantity"]))
            for r in revisions] == [(1, False, 2), (2, True, 1)]
    order = gateway.call("sales.p1", "GET", f"/sales/orders/{no}", "order")
    assert Decimal(order["lines"][0]["quantity"]) == 1
    # each department applied its part: work orders, the breaker's PO, inspection criteria
    assert all(Decimal(wo["quantity"]) == 1 for wo in plan(gateway, no)["work_orders"])
    breaker = next(po for po in purchase_orders(gateway, no)
                   if po["material_code"] == "BRK-VS1-12")
    assert Decimal(breaker["quantity"]) == 1
    for department in ("planning", "procurement", "quality"):
        assert "change applied" in stages(gateway, no, department), department
    # the 30-minute answer limit (SAL-8) was opened at receipt and met by the answer
    view = gateway.call("sales.p1", "GET", f"/orders/{no}/journey", "journey")
    [sal8] = [d for d in view["deadlines"] if d["rule_id"] == "SAL-8"]
    assert sal8["status"] == "met"


def test_a_change_one_department_refuses_is_rolled_back_in_the_others(gateway):
    journey = instructed_order(gateway)
    no = journey.order_no
    breaker = next(po for po in purchase_orders(gateway, no)
                   if po["material_code"] == "BRK-VS1-12")
    gateway.call("buyer.p1", "POST", f"/procurement/purchase-orders/{breaker['po_no']}/receipts",
                 "receipts", json={"quantity": "2", "delivery_note_quantity": "2"})

    change = settled(gateway, change_quantity(gateway, no, "1")["change_no"])

    assert change["status"] == "rolled_back"
    assert change["refused_by"] == "procurement"
    assert "already received" in change["refusal_reason"]
    # planning and quality applied their parts and compensated them
    gateway.poll(lambda: "change compensated" in stages(gateway, no, "planning")
                 and "change compensated" in stages(gateway, no, "quality"), "compensation")
    assert all(Decimal(wo["quantity"]) == 2 for wo in plan(gateway, no)["work_orders"])
    # the order stays on its previous revision
    revisions = gateway.call("sales.p1", "GET", f"/sales/orders/{no}/revisions", "revisions")
    assert [(r["revision"], r["current"]) for r in revisions] == [(1, True)]
    order = gateway.call("sales.p1", "GET", f"/sales/orders/{no}", "order")
    assert Decimal(order["lines"][0]["quantity"]) == 2
    assert "change rolled back" in stages(gateway, no, "sales")


def record(gateway, order_no: str, user: str = "sales.p1", **fields) -> dict:
    return gateway.call(user, "POST", f"/sales/orders/{order_no}/changes", "changes",
                        json={"received_at": datetime.now(UTC).isoformat(),
                              "received_from": "customer's site engineer", **fields})


def step(gateway, change_no: str, action: str, user: str = "sales.p1", **kw) -> dict:
    return gateway.call(user, "POST", f"/sales/changes/{change_no}/{action}", action, **kw)


def test_a_severity_2_change_is_re_dated_with_the_customers_agreement(gateway):  # SAL-8.2
    journey = instructed_order(gateway, quantity=1)
    no = journey.order_no
    soon = (datetime.now(UTC) + timedelta(days=3)).date().isoformat()  # the plan cannot
    change = record(gateway, no, lines=[{"line_no": 1, "requested_date": soon}],
                    description="the site wants the cabinet earlier")
    cn = change["change_no"]
    step(gateway, cn, "classification", json={"severity": 2, "reason": "moves the delivery "
                                              "date: re-review against the plan"})
    reviewed = step(gateway, cn, "re-review")
    assert reviewed["status"] == "awaiting_customer"
    assert reviewed["earliest_date"] > soon and reviewed["binding_constraint"]
    agreed = step(gateway, cn, "customer-agreement",
                  json={"confirmed_date": reviewed["earliest_date"],
                        "note": "customer agreed by phone"})
    assert agreed["status"] == "issued"
    assert settled(gateway, cn)["status"] == "applied"
    order = gateway.call("sales.p1", "GET", f"/sales/orders/{no}", "order")
    assert order["lines"][0]["confirmed_date"] == reviewed["earliest_date"]
    assert "customer agreed the changed date" in stages(gateway, no, "sales")


def test_a_severity_3_change_goes_through_design_review_and_a_supplementary_contract(
        gateway, api):  # rule SAL-8.3, SAL-3, SAL-5, PLN-15
    journey = instructed_order(gateway, quantity=1)
    no = journey.order_no
    before = gateway.call("sales.p1", "GET", f"/sales/orders/{no}", "order")
    # design raises a technical change notice (PLN-15); contract management decides
    change = record(gateway, no, user="design.p1", technical_change=True,
                    technical_requirement="main breaker VS1-12 → VD4-12 (named vendor)")
    cn = change["change_no"]
    step(gateway, cn, "classification", json={"severity": 3, "reason": "main component: "
                                              "re-review as non-regular"})
    refused = api.post(f"/sales/changes/{cn}/design-review", json={"feasible": True},
                       headers={"Authorization": f"Bearer {gateway.token('sales.p1')}"})
    assert refused.status_code == 403  # design re-reviews, not sales
    assert step(gateway, cn, "design-review", user="design.p1",
                json={"feasible": True, "notes": "VD4 fits the panel"})["status"] == \
        "awaiting_contract"
    signed = step(gateway, cn, "supplementary-contract", json={"price_increase": "4200.00"})
    assert signed["status"] == "issued" and signed["supplementary_contract_no"]
    assert settled(gateway, cn)["status"] == "applied"
    after = gateway.call("sales.p1", "GET", f"/sales/orders/{no}", "order")
    assert Decimal(after["contract_total"]) == Decimal(before["contract_total"]) + 4200
    view = gateway.call("sales.p1", "GET", f"/orders/{no}/journey", "journey")
    assert [d["status"] for d in view["deadlines"] if d["rule_id"] == "PLN-15"] == ["met"]
