"""LOG-2's payment gate holds at dispatch too: a payment reversed between the shipping
instruction and dispatch blocks the goods until the balance is paid again (SAL-10)."""

from __future__ import annotations

from test_shipping import dispatch, instruction, pay_balance, prepare, stocked_order

from simulate import Journey
from suite_harness import bearer


def reversal_path(order_no: str, payment_no: int) -> str:
    return f"/sales/orders/{order_no}/payments/{payment_no}/reversal"


def invoice_status(gateway, journey: Journey, stage: str) -> str:
    [invoice] = [each for each in gateway.call("contracts.p1", "GET", "/sales/invoices",
                                               "invoices", params={"order_no": journey.order_no})
                 if each["stage"] == stage]
    return invoice["status"]


def test_a_payment_reversed_after_the_shipping_instruction_blocks_dispatch_until_paid_again(
        api, gateway):
    journey = stocked_order(gateway, quantity=1)
    no = journey.order_no
    pay_balance(gateway, journey)  # payment 2: the balance due before shipment
    gateway.call("contracts.p1", "POST", f"/sales/orders/{no}/shipping-instructions",
                 "instruction", json=instruction())
    shipment = prepare(gateway, {"order_no": no}).json()
    assert invoice_status(gateway, journey, "before_shipment") == "paid"

    # LOG-2: the sales admin may not take money back; contract & order management may.
    reason = {"reason": "customer's transfer recalled by the bank"}
    assert api.post(reversal_path(no, 2), headers=bearer(gateway, "sales.p1"),
                    json=reason).status_code == 403
    assert api.post(reversal_path(no, 9), headers=bearer(gateway, "contracts.p1"),
                    json=reason).status_code == 404
    order = gateway.call("contracts.p1", "POST", reversal_path(no, 2), "reversal", json=reason)
    assert order["paid_total"] != order["contract_total"]
    again = api.post(reversal_path(no, 2), headers=bearer(gateway, "contracts.p1"), json=reason)
    assert again.status_code == 409 and "already reversed" in again.text
    # SAL-10: the balance invoice is open again, and due
    assert invoice_status(gateway, journey, "before_shipment") == "open"

    # LOG-2: logistics' copy follows by event; dispatch is refused with the reason.
    def refused():
        response = gateway.send("shipping.p1", "POST",
                                f"/logistics/shipments/{shipment['shipment_no']}/dispatch",
                                "dispatch", json={"carrier": "OWN-TRUCK",
                                                  "vehicle_no": "苏A-12345",
                                                  "signed_receipt_by": "driver Wu"})
        return response if response.status_code == 409 else None

    blocked = gateway.poll(refused, "dispatch refused after the reversal")
    assert "payment not confirmed by sales" in blocked.json()["error"]["message"]

    pay_balance(gateway, journey)
    assert invoice_status(gateway, journey, "before_shipment") == "paid"
    left = dispatch(gateway, shipment["shipment_no"])
    assert left["status"] == "dispatched"
