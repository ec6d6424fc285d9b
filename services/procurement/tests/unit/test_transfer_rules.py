"""Transfers between the group's companies are documents (调拨单, PRC-3): requested, shipped
by the holder, received and inspected by the receiver; stock moves only on receipt."""

from datetime import UTC, datetime
from decimal import Decimal

import pytest

from procurement.domain import transfers
from procurement.domain.errors import TransferNotYours, TransferRefused, TransferRejected
from procurement.domain.stock import StockLevel
from procurement.domain.transfers import Transfer, move_on_receipt

D = Decimal
NOW = datetime(2025, 3, 3, 9, tzinfo=UTC)


def transfer() -> Transfer:
    return Transfer(transfer_no="TR-P1-000001", request_no="MR-1", order_no="SO-P1-000001",
                    material_code="ENC-HXGN", quantity=D(3), from_company="S1",
                    to_company="P1", requested_at=NOW)


def shipped() -> Transfer:
    t = transfer()
    t.ship(company_ids=["S1"], carrier="own truck", note="", at=NOW, by="buyer.s1")
    return t


def test_the_holder_ships_a_requested_transfer():  # rule PRC-3
    t = shipped()
    assert (t.status, t.shipped_by, t.carrier) == (transfers.SHIPPED, "buyer.s1", "own truck")


def test_only_the_holder_ships_and_only_the_receiver_receives():  # rule PRC-3
    with pytest.raises(TransferNotYours):
        transfer().ship(company_ids=["P1"], carrier="", note="", at=NOW, by="buyer.p1")
    with pytest.raises(TransferNotYours):
        shipped().receive(company_ids=["S1"], quantity=D(3), inspection_note="", at=NOW,
                          by="buyer.s1")


def test_the_group_may_act_for_either_side():
    t = transfer()
    t.ship(company_ids=None, carrier="", note="", at=NOW, by="group.gm")
    t.receive(company_ids=None, quantity=D(3), inspection_note="ok", at=NOW, by="group.gm")
    assert t.status == transfers.RECEIVED


def test_a_transfer_is_received_only_once_shipped_and_only_once():  # rule PRC-3
    with pytest.raises(TransferRefused):
        transfer().receive(company_ids=["P1"], quantity=D(3), inspection_note="", at=NOW,
                           by="buyer.p1")
    t = shipped()
    with pytest.raises(TransferRefused):
        t.ship(company_ids=["S1"], carrier="", note="", at=NOW, by="buyer.s1")
    t.receive(company_ids=["P1"], quantity=D(3), inspection_note="coating fine", at=NOW,
              by="qc.p1")
    assert (t.status, t.received_by, t.inspection_note) == (
        transfers.RECEIVED, "qc.p1", "coating fine")
    with pytest.raises(TransferRefused):
        t.receive(company_ids=["P1"], quantity=D(3), inspection_note="", at=NOW,
                  by="qc.p1")


def test_a_transfer_is_received_whole():  # rule PRC-3
    with pytest.raises(TransferRejected):
        shipped().receive(company_ids=["P1"], quantity=D(2), inspection_note="", at=NOW,
                          by="buyer.p1")


def test_the_receipt_moves_the_reserved_stock_into_the_receivers_store():  # rule PRC-3
    holder = StockLevel("S1", "ENC-HXGN", D(5), D(3))
    receiver = StockLevel("P1", "ENC-HXGN", D(1), D(0))
    move_on_receipt(shipped(), holder, receiver)
    assert (holder.on_hand, holder.reserved) == (D(2), D(0))
    assert (receiver.on_hand, receiver.reserved) == (D(4), D(3))
