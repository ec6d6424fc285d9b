"""Shipping done properly, through the gateway on the real broker (LOG-2, LOG-3, LOG-5,
LOG-6, AFS-4): the suite as processes, each department acting through its routes."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal

from simulate import Journey, OrderPlan
from suite_harness import bearer

TRUCK = {"carrier": "OWN-TRUCK", "vehicle_no": "苏A-12345", "signed_receipt_by": "driver Wu"}


def stocked_order(gateway, quantity: int = 2) -> Journey:
    """An order of `quantity` GGD-400 through to the finished-goods store, the deposit
    paid (the balance is due before shipment)."""
    journey = Journey(gateway, OrderPlan(company="P1", customer="CUST-002", product="GGD-400",
                                         quantity=quantity, reject_first_lot=False))
    order = journey.intake()
    journey.review()
    journey.contract_and_pay_deposit(order)
    journey.instruct()
    journey.procure_and_inspect()
    journey.produce()
    journey.final_inspection()
    gateway.poll(lambda: [g for g in gateway.call("shipping.p1", "GET",
                                                  "/logistics/finished-goods", "fg")
                          if g["order_no"] == journey.order_no], "goods in stock")
    return journey


def pay_balance(gateway, journey: Journey) -> None:
    order = gateway.call("sales.p1", "GET", f"/sales/orders/{journey.order_no}", "order")
    balance = Decimal(order["contract_total"]) - Decimal(order["paid_total"])
    journey._sales("payments", json={"amount": str(balance), "reference": "balance"})


def instruction(days: int = 2) -> dict:
    now = datetime.now(UTC)
    return {"ship_at": now.isoformat(), "arrival_at": (now + timedelta(days=days)).isoformat(),
            "arrival_place": "Substation 7, Suzhou"}


def prepare(gateway, body: dict, expect=(201,)):
    """Prepare a shipment, waiting for the instruction to reach logistics by event."""
    def attempt():
        response = gateway.send("shipping.p1", "POST", "/logistics/shipments", "prepare",
                                json=body)
        if response.status_code in expect and "no shipping instruction" not in response.text:
            return response
        return None

    return gateway.poll(attempt, "the shipment prepared from the instruction")


def dispatch(gateway, shipment_no: str) -> dict:
    def attempt():
        response = gateway.send("shipping.p1", "POST",
                                f"/logistics/shipments/{shipment_no}/dispatch", "dispatch",
                                json=TRUCK)
        return response.json() if response.status_code == 200 else None

    return gateway.poll(attempt, f"dispatch of {shipment_no}")


def deliver(gateway, shipment_no: str, **extra) -> dict:
    return gateway.call("shipping.p1", "POST", f"/logistics/shipments/{shipment_no}/delivery",
                        "delivery", json={"received_by": "site foreman",
                                          "receipt_no": f"R-{shipment_no}", **extra})


def sales_status(gateway, order_no: str) -> str:
    return gateway.call("sales.p1", "GET", f"/sales/orders/{order_no}", "order")["status"]


def test_the_shipping_instruction_waits_for_the_pre_shipment_payment_and_shipping_works_from_it(
        api, gateway):
    journey = stocked_order(gateway, quantity=1)
    no = journey.order_no
    path = f"/sales/orders/{no}/shipping-instructions"

    # LOG-2: shipping and sales admin do not issue it; contract & order management does.
    for user in ("shipping.p1", "sales.p1"):
        assert api.post(path, headers=bearer(gateway, user),
                        json=instruction()).status_code == 403
    refused = api.post(path, headers=bearer(gateway, "contracts.p1"), json=instruction())
    assert refused.status_code == 409
    assert "payment due before shipment is missing" in refused.json()["error"]["message"]
    # without an instruction, shipping has nothing to work from
    early = api.post("/logistics/shipments", headers=bearer(gateway, "shipping.p1"),
                     json={"order_no": no})
    assert early.status_code == 409 and "no shipping instruction" in early.text

    pay_balance(gateway, journey)
    issued = gateway.call("contracts.p1", "POST", path, "instruction", json=instruction())
    shipment = prepare(gateway, {"order_no": no}).json()
    assert shipment["instruction_no"] == issued["instruction_no"]
    assert shipment["destination"] == "Substation 7, Suzhou"

    left = dispatch(gateway, shipment["shipment_no"])
    assert left["status"] == "dispatched" and left["signed_receipt_by"] == "driver Wu"
    assert left["customer_notice"] and "OWN-TRUCK" in left["customer_notice"]  # LOG-6
    view = gateway.call("sales.p1", "GET", f"/orders/{no}/journey", "journey")
    [limit] = [d for d in view["deadlines"] if d["rule_id"] == "LOG-2"]
    assert limit["status"] == "met"  # issued before the goods were due ready (LOG-2)


def test_a_short_shipment_needs_consent_and_the_order_completes_when_the_missing_part_arrives(
        api, gateway):
    journey = stocked_order(gateway, quantity=2)
    no = journey.order_no
    pay_balance(gateway, journey)
    gateway.call("contracts.p1", "POST", f"/sales/orders/{no}/shipping-instructions",
                 "instruction", json=instruction())
    one = {"order_no": no, "picked": [{"product_code": "GGD-400", "quantity": "1"}]}

    # LOG-5: the store found one cabinet short; without the customer's consent, refused
    refused = prepare(gateway, one, expect=(409,))
    assert "customer's recorded consent" in refused.json()["error"]["message"]
    consent = {"given_by": "Mr. Gu, site manager", "channel": "phone",
               "given_at": (datetime.now(UTC) - timedelta(minutes=5)).isoformat(),
               "missing_parts_owner": "Zhang Wei (production)"}
    short = prepare(gateway, {**one, "short_shipment": consent}).json()
    assert [(line["product_code"], Decimal(line["quantity"])) for line in short["lines"]] == [
        ("GGD-400", Decimal("1"))]
    [missing] = gateway.call("shipping.p1", "GET", "/logistics/missing-parts", "missing",
                             params={"order_no": no})
    assert (missing["owner"], missing["status"]) == ("Zhang Wei (production)", "open")
    assert missing["consent_given_by"] == "Mr. Gu, site manager"

    dispatch(gateway, short["shipment_no"])
    deliver(gateway, short["shipment_no"])
    gateway.poll(lambda: any(stage["stage"] == "partly delivered" for stage in gateway.call(
        "sales.p1", "GET", f"/orders/{no}/journey", "journey")["stages"]), "partial delivery")
    assert sales_status(gateway, no) == "shipped"  # not complete: a part is still missing

    later = gateway.call("shipping.p1", "POST",
                         f"/logistics/missing-parts/{missing['missing_no']}/shipment",
                         "missing shipment", json={})
    assert later["shipment_no"] != short["shipment_no"]
    assert later["missing_parts_no"] == missing["missing_no"]
    dispatch(gateway, later["shipment_no"])
    deliver(gateway, later["shipment_no"])
    gateway.poll(lambda: sales_status(gateway, no) == "delivered", "order complete")
    [missing] = gateway.call("shipping.p1", "GET", "/logistics/missing-parts", "missing",
                             params={"order_no": no})
    assert missing["status"] == "delivered"


def test_a_damaged_delivery_opens_an_after_sales_request_and_a_carrier_claim(gateway):
    journey = stocked_order(gateway, quantity=1)
    no = journey.order_no
    pay_balance(gateway, journey)
    gateway.call("contracts.p1", "POST", f"/sales/orders/{no}/shipping-instructions",
                 "instruction", json=instruction())
    shipment = prepare(gateway, {"order_no": no}).json()
    dispatch(gateway, shipment["shipment_no"])
    deliver(gateway, shipment["shipment_no"], damaged=True, damage="cabinet door dented",
            claim_amount="3500.00")

    [claim] = gateway.call("shipping.p1", "GET", "/logistics/carrier-claims", "claims",
                           params={"order_no": no})
    assert (claim["carrier"], Decimal(claim["amount"]), claim["status"]) == (
        "OWN-TRUCK", Decimal("3500.00"), "open")
    requests = gateway.poll(lambda: gateway.call(
        "service.p1", "GET", "/aftersales/service-requests", "requests",
        params={"order_no": no}), "the after-sales damage request")
    assert [(r["kind"], r["status"]) for r in requests] == [("damage", "recorded")]
    assert "cabinet door dented" in requests[0]["description"]

    settled = gateway.call("shipping.p1", "POST",
                           f"/logistics/carrier-claims/{claim['claim_no']}/settlement",
                           "settle", json={"outcome": "partly_paid",
                                           "recovered_amount": "2000.00"})
    assert (settled["outcome"], Decimal(settled["recovered_amount"])) == (
        "partly_paid", Decimal("2000.00"))
