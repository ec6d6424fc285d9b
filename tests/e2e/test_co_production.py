"""Co-production between subsidiaries through the gateway (CO-1, PLN-12, PLN-2, CO-2), the
suite as real processes.

P1's KYN61-40.5 needs the enclosure S1 machines and powder-coats (ENC-KYN61, master data:
S1 makes it in 8 working days at an inter-company price). Capable-to-promise is bound by
the co-production lead time at S1; publishing P1's plan sends S1 a co-production
instruction with the drawings; S1's own people publish S1's plan (its own work centres),
buy and inspect the steel, produce, pass final inspection and ship the part to P1's store;
only then can P1's final assembly start. P1's journey shows S1's stages; S1's people get
404 on P1's order. A late delivery escalates to P1's general manager (CO-2).

The escalation needs the CO-1 limit to fall due at once: the module's suite lets planning's
sweep look 30 days ahead (test-only PLANNING_DEADLINE_SWEEP_AHEAD_S).
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from simulate import Gateway, Journey, OrderPlan, Stats
from suite_harness import running_suite

PRODUCT, PART = "KYN61-40.5", "ENC-KYN61"


@pytest.fixture(scope="module")
def co_suite(rabbit_api, tmp_path_factory):
    with running_suite(rabbit_api, tmp_path_factory.mktemp("var"), LOG_LEVEL="WARNING",
                       DEADLINE_SWEEP_INTERVAL_S="0.5",
                       PLANNING_DEADLINE_SWEEP_AHEAD_S=str(30 * 24 * 3600),
                       JWT_SECRET="e2e-test-secret-not-for-production") as running:
        yield running


@pytest.fixture(scope="module")
def gw(co_suite):
    client = Gateway(co_suite.url, Stats())
    yield client
    client.client.close()


def _order(gw: Gateway) -> Journey:
    """A P1 order of KYN61-40.5 through its published plan (SAL-1..7, PLN-1)."""
    journey = Journey(gw, OrderPlan(company="P1", customer="CUST-001", product=PRODUCT,
                                    quantity=1, reject_first_lot=False))
    order = journey.intake()
    journey.review()
    journey.contract_and_pay_deposit(order)
    journey.instruct()
    return journey


def _instruction(gw: Gateway, order_no: str) -> dict:
    found = gw.poll(lambda: gw.call("planner.p1", "GET", "/planning/co-production",
                                    "co-production", params={"order_no": order_no}),
                    "the co-production instruction")
    [instruction] = found
    return instruction


@pytest.fixture(scope="module")
def p1(gw) -> Journey:
    return _order(gw)


def test_the_promise_is_bound_by_the_co_production_lead_time_at_s1(gw):  # rule PLN-2, CO-1
    answer = gw.call("sales.p1", "POST", "/planning/feasibility", "feasibility", json={
        "company_id": "P1", "lines": [{"product_code": PRODUCT, "quantity": "1",
                                       "requested_date": (date.today() + timedelta(days=3))
                                       .isoformat()}]})
    assert not answer["feasible"]
    assert answer["binding_kind"] == "co_production"
    assert "co-production lead time at S1" in answer["binding_constraint"]
    [part] = [step for step in answer["per_line"][0]["pegging"] if step["subject"] == PART]
    assert part["binding"] and part["source"] == "co_production"


def test_a_co_produced_part_travels_through_s1_into_p1s_store(gw, p1):
    # rules CO-1, PLN-12, PLN-1, PRC-2, QLT-1, QLT-2, LOG-4, LOG-6
    instruction = _instruction(gw, p1.order_no)
    number = instruction["instruction_no"]
    assert (instruction["maker_company_id"], instruction["material_code"]) == ("S1", PART)
    assert instruction["drawings"] and instruction["unit_price"] == "9800.00"
    assert gw.call("planner.s1", "GET", f"/planning/co-production/{number}",
                   "co-production")["requester_order_no"] == p1.order_no  # S1 sees its work
    plan = p1._plan()
    assert [r["status"] for r in plan["material_requests"]] == ["ordered"]
    [assembly] = plan["work_orders"]
    assert assembly["status"] == "waiting_material"
    refused = gw.send("planner.p1", "POST",
                      f"/planning/work-orders/{assembly['work_order_no']}/release", "release")
    assert refused.status_code == 409, "P1's final assembly waits for S1's part"

    # S1's people, S1's plan on S1's work centres, S1's purchase, inspection and shipping
    s1 = Journey(gw, OrderPlan(company="S1", customer="P1", product=PART, quantity=1,
                               reject_first_lot=False))
    s1.order_no = number
    s1_plan = s1.publish_plan()
    assert s1_plan["company_id"] == "S1"
    assert {op["work_centre"] for wo in s1_plan["work_orders"] for op in wo["operations"]} \
        == {"S1-SHEET", "S1-COAT"}
    s1.procure_and_inspect()
    [po] = gw.call("buyer.s1", "GET", "/procurement/purchase-orders", "pos",
                   params={"order_no": number})
    assert (po["company_id"], po["material_code"]) == ("S1", "SHEET-ST-2")
    s1.produce()
    s1.final_inspection()
    gw.poll(lambda: [g for g in gw.call("shipping.s1", "GET", "/logistics/finished-goods",
                                        "goods") if g["order_no"] == number],
            "S1's coated part in S1's store")
    shipment = gw.call("shipping.s1", "POST", "/logistics/shipments", "shipments",
                       json={"order_no": number})
    assert shipment["destination"] == "P1 store"
    gw.call("shipping.s1", "POST", f"/logistics/shipments/{shipment['shipment_no']}/dispatch",
            "dispatch", json={"carrier": "OWN-TRUCK", "vehicle_no": "苏E-S1001",
                              "signed_receipt_by": "driver Qin"})
    gw.call("shipping.s1", "POST", f"/logistics/shipments/{shipment['shipment_no']}/delivery",
            "delivery", json={"received_by": "P1 store keeper", "receipt_no": f"R-{number}"})

    # PLN-12: in P1's store, P1's final assembly may start
    ready = gw.poll(lambda: (p := p1._plan()) and p["work_orders"][0]["status"] == "ready"
                    and p, "P1's work order ready once the part is in P1's store")
    assert ready["material_requests"][0]["status"] == "available"
    delivered = gw.call("planner.p1", "GET", f"/planning/co-production/{number}", "co")
    assert (delivered["status"], delivered["received_by"]) == ("delivered", "P1 store keeper")
    gw.call("planner.p1", "POST", f"/planning/work-orders/{assembly['work_order_no']}/release",
            "release")

    # P1's journey shows S1's stages, department by department
    journey = gw.call("sales.p1", "GET", f"/orders/{p1.order_no}/journey", "journey")
    [sub] = journey["sub_journeys"]
    assert (sub["instruction_no"], sub["company_id"], sub["status"]) == (
        number, "S1", "delivered")
    assert {"planning", "procurement", "quality", "logistics"} <= {
        s["department"] for s in sub["stages"]}
    assert any(s["stage"] == "co-production at S1" and s["state"] == "done"
               for s in journey["stages"])
    [co1] = [d for d in journey["deadlines"] if d["rule_id"] == "CO-1"]
    assert co1["met_at"] is not None


def test_s1s_people_get_404_on_p1s_order(gw, p1):  # rule CO-1 (S1 sees S1's work only)
    for user, path in (("gm.s1", f"/orders/{p1.order_no}/journey"),
                       ("planner.s1", f"/planning/plans/{p1.order_no}"),
                       ("planner.s1", f"/orders/{p1.order_no}/journey")):
        assert gw.send(user, "GET", path, "p1 order").status_code == 404, (user, path)


def test_a_late_co_production_delivery_reaches_p1s_gm(gw):  # rules CO-2, CO-1, X-2
    late = _order(gw)
    number = _instruction(gw, late.order_no)["instruction_no"]

    def in_inbox(user: str) -> list[dict]:
        return [i for i in gw.call(user, "GET", "/me/inbox", "inbox")
                if i["order_no"] == late.order_no and i["rule_id"] == "CO-1"]

    [item] = gw.poll(lambda: in_inbox("gm.p1"), "the late delivery in P1's GM's inbox")
    assert (item["rung"], item["company_id"]) == ("general_manager", "P1")
    assert number in item["description"]
    assert not in_inbox("gm.s1"), "the requester's GM, not the maker's"
