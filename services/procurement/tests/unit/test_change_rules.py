"""Procurement's part of a customer change, pure (SAL-8, PLN-4)."""

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest

from procurement.domain import changes, purchasing, requests
from procurement.domain.errors import ChangeRefused
from procurement.domain.purchasing import PurchaseOrder
from procurement.domain.requests import MaterialRequest
from procurement.domain.stock import StockLevel

pytestmark = pytest.mark.unit
NOW = datetime(2026, 12, 1, 2, 0, tzinfo=UTC)


def request(status=requests.ORDERED) -> MaterialRequest:
    return MaterialRequest("MR-1", "P1", "SO-1", "BRK", Decimal(2), date(2027, 1, 1), NOW,
                           status=status, po_no="PO-1" if status == requests.ORDERED else None)


def po() -> PurchaseOrder:
    return PurchaseOrder("PO-1", "P1", "SO-1", "MR-1", "BRK", Decimal(2), "SUP", Decimal(1),
                         date(2027, 1, 1), NOW)


def test_an_open_po_follows_the_request_and_is_cancelled_at_zero_then_restored():
    r, order = request(), po()
    undo = changes.apply(r, order, Decimal(0), None)
    assert (r.quantity, order.quantity, order.status) == (0, 0, purchasing.CLOSED)
    changes.undo(undo, r, order, None)
    assert (r.quantity, order.quantity, order.status) == (2, 2, purchasing.PLACED)


def test_goods_already_received_refuse_the_change():
    order = po()
    order.receive(lot_no="LOT-1", quantity=Decimal(2), delivery_note_quantity=Decimal(2),
                  delivery_note_no="", at=NOW, by="buyer")
    with pytest.raises(ChangeRefused, match="already received"):
        changes.check(request(), order, Decimal(1), None)


def test_a_request_covered_from_the_store_changes_its_reservation():
    r, stock = request(status=requests.COVERED), StockLevel("P1", "BRK", Decimal(5), Decimal(2))
    with pytest.raises(ChangeRefused):
        changes.check(r, None, Decimal(9), stock)
    undo = changes.apply(r, None, Decimal(4), stock)
    assert stock.reserved == 4
    changes.undo(undo, r, None, stock)
    assert stock.reserved == 2
