"""An order's whole journey through the gateway, every department in its own service.

Each test drives the suite through its public API only, acting as the people
of each department (the simulator's `Journey`), against the real broker and
real databases, then reads the journey view (X-3) and the traces.
"""

from __future__ import annotations

import time
from datetime import date, timedelta

from contracts.catalog import SERVICES

from simulate import Journey, OrderPlan
from suite_harness import bearer

DEPARTMENTS = set(SERVICES)


def plan(**overrides) -> OrderPlan:
    fields = dict(company="P1", customer="CUST-001", product="GGD-400", quantity=2,
                  reject_first_lot=False, try_shipping_before_payment=True,
                  service_request=True)
    return OrderPlan(**{**fields, **overrides})


def test_a_regular_order_travels_from_intake_to_after_sales(gateway):
    journey = Journey(gateway, plan())
    view = journey.run()

    assert view["status"] == "delivered"
    stages = view["stages"]
    assert {stage["department"] for stage in stages} == DEPARTMENTS
    times = [stage["started_at"] for stage in stages]
    assert times == sorted(times), "the journey is a timeline"
    assert all(stage["state"] for stage in stages)
    # LOG-2: the shipping instruction was refused before full payment, then issued, and
    # shipping worked from it
    assert journey.refused_instructions == 1
    assert any(stage["stage"] == "shipping instruction" for stage in stages
               if stage["department"] == "sales")
    assert any(stage["stage"] == "shipping instruction received" for stage in stages
               if stage["department"] == "logistics")
    # time limits were tracked and met on the way (SAL-7, PLN-1, AFS-1, AFS-2)
    rules = {d["rule_id"] for d in view["deadlines"]}
    assert {"SAL-7", "PLN-1", "AFS-1", "AFS-2"} <= rules
    assert not view["breached_deadlines"]


def test_a_rejected_lot_is_returned_and_only_its_replacement_reaches_stock(gateway):
    journey = Journey(gateway, plan(product="KYN28-12", quantity=1, reject_first_lot=True,
                                    service_request=False))
    journey.run()
    assert journey.rejected_lots == 1
    orders = gateway.call("buyer.p1", "GET", "/procurement/purchase-orders", "po",
                          params={"order_no": journey.order_no})
    lots = [lot for po in orders if po["order_no"] == journey.order_no for lot in po["lots"]]
    rejected = [lot for lot in lots if lot["status"] == "rejected_returned"]
    assert len(rejected) == 1
    replacement = [lot for lot in lots if lot.get("replacement_for") == rejected[0]["lot_no"]]
    assert replacement and replacement[0]["status"] == "accepted"
    inspections = gateway.call("qc.p1", "GET", "/quality/lots", "lots")
    verdicts = {i["lot_no"]: i["status"] for i in inspections}
    assert verdicts[rejected[0]["lot_no"]] == "rejected"
    assert verdicts[replacement[0]["lot_no"]] == "accepted"


def test_an_infeasible_date_the_customer_refuses_ends_in_a_gm_approved_decline(api, gateway):
    order = gateway.call("sales.p1", "POST", "/sales/orders", "orders", json={
        "company_id": "P1", "customer_code": "CUST-002",
        "lines": [{"product_code": "KYN28-12", "quantity": "40",
                   "requested_date": (date.today() + timedelta(days=2)).isoformat()}]})
    no = order["order_no"]
    reviewed = gateway.call("sales.p1", "POST", f"/sales/orders/{no}/review", "review")
    assert reviewed["status"] == "date_infeasible"
    assert reviewed["review"]["binding_constraint"]

    refused = api.post(f"/sales/orders/{no}/decline", headers=bearer(gateway, "sales.p1"),
                       json={"reason": "customer will not accept a later date"})
    assert refused.status_code == 403  # SAL-4: the GM approves a decline
    declined = gateway.call("gm.p1", "POST", f"/sales/orders/{no}/decline", "decline",
                            json={"reason": "customer will not accept a later date"})
    assert declined["status"] == "declined"
    assert declined["decline_reason"] == "customer will not accept a later date"
    view = gateway.call("sales.p1", "GET", f"/orders/{no}/journey", "journey")
    assert view["status"] == "declined"


def test_a_repeat_order_skips_review_and_needs_only_the_gms_sign_off(api, gateway):
    line = {"product_code": "GGD-400", "quantity": "1",
            "requested_date": (date.today() + timedelta(days=70)).isoformat()}
    first = gateway.call("sales.p1", "POST", "/sales/orders", "orders",
                         json={"company_id": "P1", "customer_code": "CUST-003", "lines": [line]})
    repeat = gateway.call("sales.p1", "POST", "/sales/orders", "orders", json={
        "company_id": "P1", "customer_code": "CUST-003", "lines": [line],
        "repeat_of": first["order_no"]})
    assert repeat["kind"] == "repeat"
    no = repeat["order_no"]
    review = api.post(f"/sales/orders/{no}/review", headers=bearer(gateway, "sales.p1"))
    assert review.status_code == 409  # ORD-3: no review for a repeat order
    signed = gateway.call("gm.p1", "POST", f"/sales/orders/{no}/sign-off", "sign-off")
    assert signed["status"] == "reviewed"
    quoted = gateway.call("sales.p1", "POST", f"/sales/orders/{no}/quote", "quote")
    assert quoted["quotation_total"] is not None


def test_shipping_before_payment_is_refused_with_a_clear_message_then_allowed(gateway):
    journey = Journey(gateway, plan(quantity=1, service_request=False))
    journey.run()  # the journey asks for the shipping instruction before the balance is paid
    refused = [status for status, count in gateway.stats.statuses.items() if status == 409]
    assert refused, "the early shipping instruction was refused with 409"


def test_the_order_number_links_every_span_of_the_journey(gateway, collector):
    journey = Journey(gateway, plan(quantity=1, service_request=True))
    journey.run()
    time.sleep(1.5)  # let the batch span processors export
    spans = [s for s in collector.spans
             if s.attributes.get("ordersuite.order_no") == journey.order_no]
    services = {span.service for span in spans}
    assert {"gateway", *DEPARTMENTS} <= services
    # each command's consequences share its trace: intake → planning's handler
    by_trace: dict[str, set[str]] = {}
    for span in spans:
        by_trace.setdefault(span.trace_id, set()).add(span.name)
    assert any({"sales.receive_order", "planning.on_order_received"} <= names
               for names in by_trace.values())
    assert any({"logistics.confirm_delivery", "aftersales.on_shipment_delivered"} <= names
               for names in by_trace.values())
    # the journey names each stage's trace, and it is a trace the collector holds
    linked = {stage["stage"]: stage["trace_id"] for stage in journey.journey()["stages"]
              if stage.get("trace_id")}
    assert "order received" in linked and linked["order received"] in by_trace
    assert {stage for stage, trace_id in linked.items() if trace_id not in by_trace} == set()
