"""PO state machine and receiving: goods reach stock only after IQC (PRC-6, QLT-1)."""

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest

from contracts.rpc.procurement import LotStatus, PurchaseOrderStatus
from procurement.domain import purchasing
from procurement.domain.errors import OverReceipt, PurchaseOrderRefused, ReceiptRejected
from procurement.domain.purchasing import (
    OVER_RECEIPT_TOLERANCE,
    PurchaseOrder,
    accept_into_store,
    return_to_supplier,
)
from procurement.domain.stock import StockLevel
from servicekit.refusals import Rejected

D = Decimal
NOW = datetime(2026, 3, 2, 9, tzinfo=UTC)


def po(quantity="10"):
    return PurchaseOrder(po_no="PO-P1-000001", company_id="P1", order_no="SO-P1-000001",
                         request_no="MR-1", material_code="BRK-VS1-12", quantity=D(quantity),
                         supplier_code="SUP-ABB", unit_price=D("14500"),
                         confirmed_date=date(2026, 3, 20), placed_at=NOW)


def receive(order, lot_no, quantity="10"):
    return order.receive(lot_no=lot_no, quantity=D(quantity), delivery_note_quantity=D(quantity),
                         delivery_note_no="DN-1", at=NOW, by="buyer")


def test_receiving_creates_a_lot_awaiting_inspection():  # rule PRC-6
    order = po()
    lot = receive(order, "LOT-P1-000001")
    assert lot.status == purchasing.LOT_AWAITING and lot.replacement_for is None
    assert order.status == purchasing.PLACED


def test_a_closed_po_refuses_receiving():
    order = po()
    order.close()
    with pytest.raises(PurchaseOrderRefused):
        receive(order, "LOT-P1-000001")


def test_a_received_po_refuses_receiving():
    order = po()
    receive(order, "LOT-P1-000001")
    accept_into_store(order, "LOT-P1-000001", StockLevel("P1", "BRK-VS1-12"), at=NOW, by="qc")
    assert order.status == purchasing.RECEIVED
    with pytest.raises(PurchaseOrderRefused):
        receive(order, "LOT-P1-000002")


def test_nothing_more_is_awaited_while_the_whole_order_is_in_inspection():
    order = po()
    receive(order, "LOT-P1-000001")
    with pytest.raises(PurchaseOrderRefused):
        receive(order, "LOT-P1-000002")


def test_a_rejected_lot_never_increases_stock():  # rule QLT-1, PRC-6
    order, stock = po(), StockLevel("P1", "BRK-VS1-12", D(1))
    receive(order, "LOT-P1-000001")
    return_to_supplier(order, "LOT-P1-000001", ["pass rate 80%"], at=NOW, by="qc")
    assert (stock.on_hand, stock.reserved) == (D(1), D(0))
    assert order.lot("LOT-P1-000001").status == purchasing.LOT_REJECTED
    with pytest.raises(PurchaseOrderRefused):  # and it cannot be accepted afterwards
        accept_into_store(order, "LOT-P1-000001", stock, at=NOW, by="qc")
    assert stock.on_hand == D(1)


def test_a_rejection_awaits_a_replacement_which_the_next_receipt_is():  # rule PRC-6
    order = po()
    receive(order, "LOT-P1-000001")
    return_to_supplier(order, "LOT-P1-000001", ["wrong spec"], at=NOW, by="qc")
    assert order.status == purchasing.AWAITING_REPLACEMENT
    replacement = receive(order, "LOT-P1-000002")
    assert replacement.replacement_for == "LOT-P1-000001"
    assert order.status == purchasing.PLACED


def test_an_accepted_lot_goes_into_the_pos_company_store_reserved():  # rule PRC-6
    order, stock = po(), StockLevel("P1", "BRK-VS1-12", D(1))
    receive(order, "LOT-P1-000001")
    accept_into_store(order, "LOT-P1-000001", stock, at=NOW, by="qc")
    assert (stock.on_hand, stock.reserved) == (D(11), D(10))
    assert order.status == purchasing.RECEIVED


def test_a_partial_acceptance_leaves_the_rest_awaited():
    order = po()
    receive(order, "LOT-P1-000001", "4")
    accept_into_store(order, "LOT-P1-000001", StockLevel("P1", "BRK-VS1-12"), at=NOW, by="qc")
    assert order.status == purchasing.PLACED and order.outstanding_quantity == D(6)


# -- receiving is checked against the order (PRC-6, issue 8.4) --------------------------------

def test_a_receipt_far_beyond_the_order_is_refused_with_the_quantities():  # rule PRC-6
    order = po("1")
    with pytest.raises(OverReceipt) as refusal:
        receive(order, "LOT-P1-000001", "100000")
    assert isinstance(refusal.value, Rejected)
    assert refusal.value.message.startswith(
        "PO-P1-000001 ordered 1, already received 0, offered 100000")
    assert order.lots == [] and order.status == purchasing.PLACED


def test_up_to_the_tolerance_above_the_order_is_received():  # rule PRC-6
    assert D("0.05") == OVER_RECEIPT_TOLERANCE
    order = po("10")
    lot = receive(order, "LOT-P1-000001", "10.5")
    assert lot.quantity == D("10.5") and order.received_quantity == D("10.5")


def test_just_beyond_the_tolerance_is_refused():  # rule PRC-6
    with pytest.raises(OverReceipt, match=r"5% over-receipt tolerance"):
        receive(po("10"), "LOT-P1-000001", "10.501")


def test_the_tolerance_applies_to_everything_received_so_far():  # rule PRC-6
    order = po("10")
    receive(order, "LOT-P1-000001", "6")
    with pytest.raises(OverReceipt, match="already received 6, offered 5"):
        receive(order, "LOT-P1-000002", "5")
    assert receive(order, "LOT-P1-000002", "4.5").quantity == D("4.5")


def test_a_returned_lot_does_not_count_against_the_order():  # rule PRC-6, QLT-1
    order = po("10")
    receive(order, "LOT-P1-000001")
    return_to_supplier(order, "LOT-P1-000001", ["wrong spec"], at=NOW, by="qc")
    assert order.received_quantity == D(0)
    assert receive(order, "LOT-P1-000002").replacement_for == "LOT-P1-000001"


def test_a_receipt_needs_a_positive_quantity():
    with pytest.raises(ReceiptRejected):
        receive(po(), "LOT-P1-000001", "0")


def test_an_accepted_excess_goes_into_store_free_for_other_requests():  # rule PRC-6
    order, stock = po("10"), StockLevel("P1", "BRK-VS1-12")
    receive(order, "LOT-P1-000001", "10.5")
    accept_into_store(order, "LOT-P1-000001", stock, at=NOW, by="qc")
    assert (stock.on_hand, stock.reserved) == (D("10.5"), D(10))
    assert order.status == purchasing.RECEIVED


def test_a_second_accepted_lot_reserves_only_what_is_still_needed():  # rule PRC-6
    order, stock = po("10"), StockLevel("P1", "BRK-VS1-12")
    receive(order, "LOT-P1-000001", "4")
    accept_into_store(order, "LOT-P1-000001", stock, at=NOW, by="qc")
    receive(order, "LOT-P1-000002", "6.5")
    accept_into_store(order, "LOT-P1-000002", stock, at=NOW, by="qc")
    assert (stock.on_hand, stock.reserved) == (D("10.5"), D(10))


def test_the_domain_states_are_the_contracts_statuses():
    assert {purchasing.PLACED, purchasing.AWAITING_REPLACEMENT, purchasing.RECEIVED,
            purchasing.CLOSED} == {s.value for s in PurchaseOrderStatus}
    assert {purchasing.LOT_AWAITING, purchasing.LOT_ACCEPTED,
            purchasing.LOT_REJECTED} == {s.value for s in LotStatus}
