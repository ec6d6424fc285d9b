"""PRC-6 shortages, pure: when a PO is short after IQC, and what a buyer may do with one."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest

from procurement.domain.errors import ShortageRefused
from procurement.domain.purchasing import PurchaseOrder
from procurement.domain.shortages import CANCELLED, Shortage, missing_after_qualification

AT = datetime(2026, 12, 2, 9, 0, tzinfo=UTC)


def po(quantity: str = "10") -> PurchaseOrder:
    return PurchaseOrder(po_no="PO-1", company_id="P1", order_no="SO-1", request_no="MR-1",
                         material_code="M", quantity=Decimal(quantity), supplier_code="S",
                         unit_price=Decimal("5"), confirmed_date=date(2026, 12, 20),
                         placed_at=AT)


def receive(order: PurchaseOrder, lot_no: str, quantity: str) -> None:
    order.receive(lot_no=lot_no, quantity=Decimal(quantity),
                  delivery_note_quantity=Decimal(quantity), delivery_note_no="",
                  at=AT, by="buyer.p1")


def shortage() -> Shortage:
    return Shortage(shortage_no="SH-1", po_no="PO-1", company_id="P1", order_no="SO-1",
                    material_code="M", supplier_code="S", lot_no="L1",
                    missing_quantity=Decimal("4"), owner="buyer.p1", opened_at=AT,
                    follow_up_on=date(2026, 12, 3))


def test_a_lot_qualified_short_of_the_line_leaves_the_rest_missing():
    order = po()
    receive(order, "L1", "6")
    assert missing_after_qualification(order) == 0  # still in inspection: not yet short
    order.accept_lot("L1", at=AT, by="qc.p1")
    assert missing_after_qualification(order) == Decimal("4")


def test_a_rejected_lot_awaiting_its_replacement_is_not_a_shortage():
    order = po()
    receive(order, "L1", "10")
    order.reject_lot("L1", reasons=["bad"], at=AT, by="qc.p1")
    assert missing_after_qualification(order) == 0


def test_a_po_covered_by_its_accepted_lots_is_not_short():
    order = po()
    receive(order, "L1", "10")
    order.accept_lot("L1", at=AT, by="qc.p1")
    assert missing_after_qualification(order) == 0


def test_a_chase_counts_and_sets_the_next_follow_up():
    s = shortage()
    s.chase(note="ships Friday", next_follow_up=date(2026, 12, 4), at=AT, by="buyer.p1")
    assert (s.chases, s.follow_up_on, s.last_note) == (1, date(2026, 12, 4), "ships Friday")
    with pytest.raises(ShortageRefused):
        s.chase(note="late", next_follow_up=date(2026, 12, 1), at=AT, by="buyer.p1")


def test_a_cancelled_shortage_keeps_its_reason_and_refuses_more():
    s = shortage()
    with pytest.raises(ShortageRefused):
        s.cancel(reason="  ", at=AT, by="buyer.p1")
    s.cancel(reason="re-sourced", at=AT, by="buyer.p1")
    assert (s.status, s.cancel_reason, s.closed_by) == (CANCELLED, "re-sourced", "buyer.p1")
    with pytest.raises(ShortageRefused):
        s.chase(note="x", next_follow_up=date(2026, 12, 4), at=AT, by="buyer.p1")
