"""Shortages through the gateway on the real broker (PRC-6): a receipt whose qualified
quantity is short of the PO line is chased by its buyer until the missing quantity is
delivered, or cancelled with a reason; each keeps its link to the lots."""

from __future__ import annotations

from decimal import Decimal

from simulate import Journey, OrderPlan
from suite_harness import bearer


def placed_po(gateway) -> tuple[str, dict]:
    """An order instructed to production and one of its purchase orders, placed (PRC-2)."""
    journey = Journey(gateway, OrderPlan(company="P1", customer="CUST-001", product="KYN28-12",
                                         quantity=1, reject_first_lot=False,
                                         service_request=False))
    journey.intake()
    journey.review()
    journey.contract_and_pay_deposit(None)
    journey.instruct()

    def one_placed():
        pos = gateway.call("buyer.p1", "GET", "/procurement/purchase-orders", "po",
                           params={"order_no": journey.order_no})
        return next((po for po in pos if po["status"] == "placed"), None)

    return journey.order_no, gateway.poll(one_placed, "a purchase order")


def deliver_and_pass_iqc(gateway, po_no: str, quantity: Decimal) -> str:
    """The buyer receives `quantity`; IQC passes the lot (QLT-1). Returns the lot no."""
    received = gateway.call("buyer.p1", "POST", f"/procurement/purchase-orders/{po_no}/receipts",
                            "receipts", json={"quantity": str(quantity),
                                              "delivery_note_quantity": str(quantity)})
    lot_no = received["lots"][-1]["lot_no"]

    def pending():
        lots = gateway.call("qc.p1", "GET", "/quality/lots", "lots",
                            params={"status": "pending"})
        return next((lot for lot in lots if lot["lot_no"] == lot_no), None)

    gateway.poll(pending, f"lot {lot_no} in inspection")
    gateway.call("qc.p1", "POST", f"/quality/lots/{lot_no}/inspection", "inspection",
                 json={"sample_size": 20, "defects": 0, "serious_defects": []})
    return lot_no


def shortage_of(gateway, order_no: str, status: str) -> dict:
    def found():
        shortages = gateway.call("buyer.p1", "GET", "/procurement/shortages", "shortages",
                                 params={"order_no": order_no, "status": status})
        return shortages[0] if shortages else None

    return gateway.poll(found, f"a {status} shortage of {order_no}")


def test_a_short_qualified_receipt_is_chased_by_its_buyer_until_the_rest_is_delivered(
        gateway):
    order_no, po = placed_po(gateway)
    ordered = Decimal(po["quantity"])
    first = deliver_and_pass_iqc(gateway, po["po_no"], ordered / 2)
    shortage = shortage_of(gateway, order_no, "open")
    assert shortage["po_no"] == po["po_no"] and shortage["lot_no"] == first
    assert Decimal(shortage["missing_quantity"]) == ordered - ordered / 2
    assert shortage["owner"] == "buyer.p1"
    mine = gateway.call("buyer.p1", "GET", "/procurement/shortages", "mine",
                        params={"owner": "buyer.p1", "status": "open"})
    assert shortage["shortage_no"] in {s["shortage_no"] for s in mine}

    chased = gateway.call("buyer.p1", "POST",
                          f"/procurement/shortages/{shortage['shortage_no']}/chase", "chase",
                          json={"note": "supplier ships the rest Friday",
                                "next_follow_up": shortage["follow_up_on"]})
    assert chased["chases"] == 1 and chased["last_note"] == "supplier ships the rest Friday"

    rest = deliver_and_pass_iqc(gateway, po["po_no"], ordered - ordered / 2)
    delivered = shortage_of(gateway, order_no, "delivered")
    assert delivered["shortage_no"] == shortage["shortage_no"]
    assert delivered["delivered_lot_no"] == rest and delivered["lot_no"] == first
    after = gateway.call("buyer.p1", "GET", f"/procurement/purchase-orders/{po['po_no']}", "po")
    assert after["status"] == "received"
    stages = gateway.call("sales.p1", "GET", f"/orders/{order_no}/journey", "journey")["stages"]
    assert any(s["stage"] == "shortage chased" and s["state"] == "done"
               and s["refs"].get("lot_no") == first and rest in s["summary"] for s in stages)


def test_a_shortage_cancelled_with_a_reason_closes_the_po_short(gateway, api):
    order_no, po = placed_po(gateway)
    ordered = Decimal(po["quantity"])
    deliver_and_pass_iqc(gateway, po["po_no"], ordered / 2)
    shortage = shortage_of(gateway, order_no, "open")
    path = f"/procurement/shortages/{shortage['shortage_no']}/cancel"
    # a sales clerk does not cancel procurement's shortages
    refused = api.post(path, headers=bearer(gateway, "sales.p1"),
                       json={"reason": "enough on hand"})
    assert refused.status_code == 403
    assert api.post(path, headers=bearer(gateway, "buyer.p1"),
                    json={"reason": ""}).status_code == 422
    cancelled = gateway.call("buyer.p1", "POST", path, "cancel",
                             json={"reason": "supplier discontinued; re-sourced"})
    assert cancelled["status"] == "cancelled" and cancelled["closed_by"] == "buyer.p1"
    assert cancelled["cancel_reason"] == "supplier discontinued; re-sourced"
    after = gateway.call("buyer.p1", "GET", f"/procurement/purchase-orders/{po['po_no']}", "po")
    assert after["status"] == "closed"
    again = api.post(path, headers=bearer(gateway, "buyer.p1"), json={"reason": "again"})
    assert again.status_code == 409
