"""Transfers are documents (调拨单, PRC-3) and a request takes group stock first (PRC-1),
through the gateway on the real broker.

Demo: S1 holds 3 XGN15 enclosures, P1 none; SUP-WXEN sells them (PRC-2). An order for 5
XGN15-12 ring-main units needs 5 enclosures: 60 % lie in S1's store, so they become a
transfer from S1 and a purchase order buys the other 2. S1's buyer ships the transfer,
P1's QC receives and inspects it; the enclosures stay S1's (reserved) until that receipt.
"""

from __future__ import annotations

from decimal import Decimal

from simulate import Journey, OrderPlan
from suite_harness import bearer

ENCLOSURE = "ENC-XGN15"
D = Decimal


def stock(gateway, company: str) -> tuple[Decimal, Decimal]:
    levels = gateway.call("buyer.p1", "GET", "/procurement/stock", "stock",
                          params={"material_code": ENCLOSURE})
    level = next((lv for lv in levels if lv["company_id"] == company), None)
    return (D(level["on_hand"]), D(level["reserved"])) if level else (D(0), D(0))


def instructed_order(gateway) -> Journey:
    journey = Journey(gateway, OrderPlan(company="P1", customer="CUST-001", product="XGN15-12",
                                         quantity=5, reject_first_lot=False))
    journey.intake()
    journey.review()
    journey.contract_and_pay_deposit({})
    journey.instruct()
    return journey


def transfer_of(gateway, order_no: str, status: str) -> dict:
    def found():
        listed = gateway.call("buyer.p1", "GET", "/procurement/transfers", "transfers",
                              params={"order_no": order_no, "status": status})
        return listed[0] if listed else None

    return gateway.poll(found, f"a {status} transfer of {order_no}")


def test_sixty_percent_in_a_sisters_store_is_transferred_and_the_rest_bought(gateway, api):
    assert stock(gateway, "S1") == (D(3), D(0)) and stock(gateway, "P1") == (D(0), D(0))
    journey = instructed_order(gateway)
    order_no = journey.order_no

    transfer = transfer_of(gateway, order_no, "requested")  # PRC-3: a document, requested
    assert (transfer["from_company"], transfer["to_company"]) == ("S1", "P1")
    assert (transfer["material_code"], D(transfer["quantity"])) == (ENCLOSURE, D(3))
    [po] = [po for po in gateway.call("buyer.p1", "GET", "/procurement/purchase-orders", "po",
                                      params={"order_no": order_no})
            if po["material_code"] == ENCLOSURE]
    assert (D(po["quantity"]), po["supplier_code"]) == (D(2), "SUP-WXEN")  # PRC-1: only 40 %
    assert stock(gateway, "S1") == (D(3), D(3))  # reserved at the holder, not moved
    assert stock(gateway, "P1") == (D(0), D(0))

    path = f"/procurement/transfers/{transfer['transfer_no']}"
    # P1's buyer does not ship S1's stock; a sales clerk does neither
    assert api.post(f"{path}/shipment", headers=bearer(gateway, "buyer.p1"),
                    json={}).status_code == 403
    assert api.get(path, headers=bearer(gateway, "sales.p1")).status_code == 403
    assert api.post(f"{path}/receipt", headers=bearer(gateway, "qc.p1"),
                    json={"quantity": "3"}).status_code == 409  # not shipped yet
    shipped = gateway.call("buyer.s1", "POST", f"{path}/shipment", "shipment",
                           json={"carrier": "S1 truck", "note": "3 enclosures, coated"})
    assert (shipped["status"], shipped["shipped_by"]) == ("shipped", "buyer.s1")
    assert stock(gateway, "S1") == (D(3), D(3))  # in transit: still S1's, reserved
    assert stock(gateway, "P1") == (D(0), D(0))

    assert api.post(f"{path}/receipt", headers=bearer(gateway, "buyer.s1"),
                    json={"quantity": "3"}).status_code == 403  # the holder does not receive
    assert api.post(f"{path}/receipt", headers=bearer(gateway, "qc.p1"),
                    json={"quantity": "2"}).status_code == 422  # received whole
    received = gateway.call("qc.p1", "POST", f"{path}/receipt", "receipt",
                            json={"quantity": "3", "inspection_note": "coating intact"})
    assert (received["status"], received["received_by"]) == ("received", "qc.p1")
    assert stock(gateway, "S1") == (D(0), D(0))  # moved on receipt, never before
    assert stock(gateway, "P1") == (D(3), D(3))  # reserved for the request
    assert api.post(f"{path}/receipt", headers=bearer(gateway, "qc.p1"),
                    json={"quantity": "3"}).status_code == 409

    # the bought 40 % arrives and passes IQC: only then is the material available
    journey.procure_and_inspect()
    assert stock(gateway, "P1") == (D(5), D(5))
    stages = gateway.call("sales.p1", "GET", f"/orders/{order_no}/journey", "journey")["stages"]
    moved = [s for s in stages if s["refs"].get("transfer_no") == transfer["transfer_no"]]
    assert [(s["stage"], s["state"]) for s in moved] == [
        ("transfer requested", "done"), ("transfer received", "done")]
    # S1's buyer sees its transfer, never P1's order
    assert gateway.call("buyer.s1", "GET", path, "transfer")["status"] == "received"
    assert api.get(f"/orders/{order_no}/journey",
                   headers=bearer(gateway, "buyer.s1")).status_code == 404
