"""Transfers are documents (调拨单, PRC-3) and requests are covered in parts (PRC-1): the
use cases on an in-memory unit of work, as the RPC and event entrypoints drive them.

Demo stock: S1 holds 3 HXGN enclosures and 20 medium crates; P1 holds 4 large crates;
SUP-WXEN sells enclosures (PRC-2)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from contracts.envelope import new_envelope
from contracts.events.changes import ChangeAnswered, MaterialChange
from contracts.events.quality import LotAccepted
from contracts.rpc.transfers import TransferReceipt, TransferShipment, TransferStatus
from procurement import changes, demo, handlers, transfers
from procurement.adapters.tables import metadata
from procurement.domain.errors import TransferNotFound, TransferNotYours, TransferRefused
from procurement.unit_of_work import ProcurementUnitOfWork
from servicekit import inmemory
from servicekit.commands import run_once
from servicekit.rpcs import reply

from .test_procurement_use_cases import BUYER, GROUP, ORDER, inspected, receipt, request, stock

D = Decimal
S1_BUYER = inmemory.actor("buyer.s1", roles=["procurement"], companies=["S1"])
P2_BUYER = inmemory.actor("buyer.p2", roles=["procurement"], companies=["P2"])
QC = inmemory.actor("qc.p1", roles=["quality"], companies=["P1"])


@pytest.fixture
def uow():
    return inmemory.unit_of_work(ProcurementUnitOfWork, metadata, seed=demo.seed)


def available_events(uow) -> list[dict]:
    return [e.payload for e in uow.published
            if e.event_type == "procurement.material_available"]


def ship(uow, transfer_no: str, who=S1_BUYER):
    return transfers.ship_transfer(who, transfer_no, TransferShipment(carrier="S1 truck"), uow)


def receive(uow, transfer_no: str, quantity: str = "3", who=QC):
    return transfers.receive_transfer(
        who, transfer_no, TransferReceipt(quantity=quantity, inspection_note="coating ok"), uow)


def sixty_percent_request(uow):
    """5 enclosures for P1: S1 holds 3 (60 %), the other 2 are bought."""
    request(uow, "MR-1", "ENC-HXGN", "5")
    [transfer] = transfers.list_transfers(BUYER, None, ORDER, 100, None, uow)
    [po] = handlers.list_purchase_orders(BUYER, ORDER, None, 100, uow)
    return transfer, po


def test_sixty_percent_in_a_sisters_store_is_a_transfer_and_the_rest_a_po(uow):  # PRC-1/2/3
    transfer, po = sixty_percent_request(uow)
    assert (transfer.from_company, transfer.to_company, transfer.quantity, transfer.status) \
        == ("S1", "P1", D(3), TransferStatus.REQUESTED)
    assert (po.quantity, po.supplier_code) == (D(2), "SUP-WXEN")
    # reserved where it lies; nothing moved yet
    assert stock(uow, "S1", "ENC-HXGN") == (D(3), D(3))
    assert stock(uow, "P1", "ENC-HXGN") == (D(0), D(0))
    assert available_events(uow) == []


def test_stock_moves_only_when_the_receiver_receives_the_transfer(uow):  # rule PRC-3
    transfer, _ = sixty_percent_request(uow)
    shipped = ship(uow, transfer.transfer_no)
    assert (shipped.status, shipped.shipped_by, shipped.carrier) == (
        TransferStatus.SHIPPED, "buyer.s1", "S1 truck")
    assert stock(uow, "S1", "ENC-HXGN") == (D(3), D(3))  # in transit: still S1's, reserved
    assert stock(uow, "P1", "ENC-HXGN") == (D(0), D(0))

    received = receive(uow, transfer.transfer_no)
    assert (received.status, received.received_by) == (TransferStatus.RECEIVED, "qc.p1")
    assert stock(uow, "S1", "ENC-HXGN") == (D(0), D(0))
    assert stock(uow, "P1", "ENC-HXGN") == (D(3), D(3))  # reserved for the request
    levels = {e.payload["company_id"]: D(e.payload["on_hand"]) for e in uow.published
              if e.event_type == "procurement.stock_level_changed"}
    assert levels == {"S1": 0, "P1": 3}  # planning's copy follows (CO-2)
    assert available_events(uow) == []  # the bought 40 % is still awaited


def test_the_request_is_available_once_the_transfer_and_the_po_are_both_in(uow):  # PRC-1
    transfer, po = sixty_percent_request(uow)
    lot_no = handlers.receive_goods(BUYER, po.po_no, receipt("2"), uow).lots[0].lot_no
    inspected(LotAccepted, uow, lot_no)
    assert available_events(uow) == []  # the transfer has not arrived
    ship(uow, transfer.transfer_no)
    receive(uow, transfer.transfer_no)
    [available] = available_events(uow)
    assert (available["request_no"], D(available["quantity"]), available["source"]) == (
        "MR-1", D(5), "purchase")
    assert stock(uow, "P1", "ENC-HXGN") == (D(5), D(5))


def test_a_request_a_sister_covers_whole_waits_for_the_transfer(uow):  # rule PRC-3
    request(uow, "MR-2", "CRATE-M", "5", company="P2", order_no="SO-P2-000001")
    assert handlers.list_purchase_orders(GROUP, None, None, 100, uow) == []
    [transfer] = transfers.list_transfers(P2_BUYER, None, None, 100, None, uow)
    assert (transfer.transfer_no, transfer.quantity) == ("TR-P2-000001", D(5))
    assert stock(uow, "S1", "CRATE-M") == (D(20), D(5))
    ship(uow, transfer.transfer_no)
    receive(uow, transfer.transfer_no, "5", who=P2_BUYER)
    [available] = available_events(uow)
    assert available["source"] == "transfer"
    assert stock(uow, "P2", "CRATE-M") == (D(5), D(5))
    assert stock(uow, "S1", "CRATE-M") == (D(15), D(0))


def test_own_stock_first_then_a_sister_for_the_rest(uow):  # rule PRC-1
    request(uow, "MR-3", "CRATE-L", "6")  # P1 holds 4, S1 10
    [transfer] = transfers.list_transfers(BUYER, None, ORDER, 100, None, uow)
    assert (transfer.from_company, transfer.quantity) == ("S1", D(2))
    assert stock(uow, "P1", "CRATE-L") == (D(4), D(4))
    assert handlers.list_purchase_orders(BUYER, ORDER, None, 100, uow) == []
    stages = [s.stage for s in handlers.journey(BUYER, ORDER, uow)]
    assert stages == ["material requested", "matched from stock", "transfer requested"]


def test_each_side_does_only_its_part_and_others_do_not_see_it(uow):  # rule PRC-3
    transfer, _ = sixty_percent_request(uow)
    with pytest.raises(TransferNotYours):
        ship(uow, transfer.transfer_no, who=BUYER)  # the receiver does not ship
    with pytest.raises(TransferNotFound):
        transfers.get_transfer(P2_BUYER, transfer.transfer_no, uow)
    assert transfers.list_transfers(P2_BUYER, None, None, 100, None, uow) == []
    assert [t.transfer_no for t in transfers.list_transfers(S1_BUYER, None, None, 100, None,
                                                            uow)] == [transfer.transfer_no]
    with pytest.raises(TransferRefused):
        receive(uow, transfer.transfer_no)  # not shipped yet
    ship(uow, transfer.transfer_no)
    with pytest.raises(TransferNotYours):
        receive(uow, transfer.transfer_no, who=S1_BUYER)  # the holder does not receive
    with pytest.raises(TransferRefused):
        ship(uow, transfer.transfer_no)  # already shipped


def test_the_journey_shows_the_transfer_in_transit_then_received(uow):  # rule PRC-3, X-3
    transfer, _ = sixty_percent_request(uow)
    ship(uow, transfer.transfer_no)
    stages = {s.stage: s for s in handlers.journey(BUYER, ORDER, uow)}
    assert stages["transfer in transit"].state == "waiting"
    assert stages["transfer in transit"].actor == "buyer.s1"
    receive(uow, transfer.transfer_no)
    stages = {s.stage: s for s in handlers.journey(BUYER, ORDER, uow)}
    assert "transfer in transit" not in stages
    assert stages["transfer received"].state == "done"
    assert stages["transfer received"].refs["transfer_no"] == transfer.transfer_no
    assert handlers.journey(S1_BUYER, ORDER, uow) == []  # the holder sees not P1's order


def test_transfers_page_newest_first(uow):  # lists paginate
    for n in range(3):
        request(uow, f"MR-{n}", "CRATE-M", "1", order_no=f"SO-P1-00000{n}")
    first = transfers.list_transfers(BUYER, None, None, 2, None, uow)
    rest = transfers.list_transfers(BUYER, None, None, 2, first[-1].transfer_no, uow)
    assert [t.transfer_no for t in first + rest] == [
        "TR-P1-000003", "TR-P1-000002", "TR-P1-000001"]
    assert transfers.list_transfers(BUYER, TransferStatus.SHIPPED, None, 100, None, uow) == []


def test_a_receipt_sent_twice_under_one_command_id_moves_the_stock_once(uow):  # exactly-once
    transfer, _ = sixty_percent_request(uow)
    ship(uow, transfer.transfer_no)
    counted = TransferReceipt(quantity="3", inspection_note="ok")

    def receive_once():
        return run_once(uow, "qc.p1:key-1", "receive_transfer",
                        [transfer.transfer_no, counted.model_dump()],
                        lambda: reply(transfers.receive_transfer(QC, transfer.transfer_no,
                                                                 counted, uow)))

    assert receive_once() == receive_once()
    assert stock(uow, "P1", "ENC-HXGN") == (D(3), D(3))


def test_a_customer_change_does_not_resize_a_request_covered_in_parts(uow):  # SAL-8, PRC-1
    sixty_percent_request(uow)
    payload = ChangeAnswered(change_no="CN-P1-000001", order_no=ORDER, department="planning",
                             applied=True, material_changes=[MaterialChange(
                                 request_no="MR-1", material_code="ENC-HXGN",
                                 quantity_before=D(5), quantity_after=D(4))])
    changes.planning_answered(new_envelope("planning.change_answered", payload,
                                           company_id="P1", order_no=ORDER), payload, uow)
    [answer] = [e.payload for e in uow.published
                if e.event_type == "procurement.change_answered"]
    assert not answer["applied"] and "covered in parts" in answer["reason"]
    assert stock(uow, "S1", "ENC-HXGN") == (D(3), D(3))  # nothing changed
