"""Procurement's use cases against a real unit of work on in-memory SQLite: no broker, no fakes.

The fast tier (issue 7.6): each test drives handlers.py / inbound.py as the RPC and event
entrypoints would, and reads what a user would notice: purchase orders and their lots,
stock, the events procurement tells the others, its PRC-4 time limit, its refusals.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest

from contracts.envelope import new_envelope
from contracts.events.planning import MaterialRequested
from contracts.events.quality import LotAccepted, LotRejected
from contracts.rpc.procurement import PurchaseOrderStatus, ReceiptCreate
from procurement import demo, handlers, inbound
from procurement.adapters.tables import metadata
from procurement.domain.errors import OverReceipt, PurchaseOrderNotFound, PurchaseOrderRefused
from procurement.domain.purchasing import OVER_RECEIPT_TOLERANCE
from procurement.unit_of_work import ProcurementUnitOfWork
from servicekit import deadlines, demo_data, inmemory
from servicekit.commands import run_once
from servicekit.refusals import Missing, Refused, Rejected
from servicekit.rpcs import reply
from servicekit.timelimits import X1_TIME_LIMITS

D = Decimal
BUYER = inmemory.actor("buyer.p1", roles=["procurement"], companies=["P1"])
P2_BUYER = inmemory.actor("buyer.p2", roles=["procurement"], companies=["P2"])
GROUP = inmemory.actor("group.gm", roles=["group_general_manager"], companies=None)
ORDER = "SO-P1-000001"
PRC4 = X1_TIME_LIMITS["PRC-4.supplier_confirmation"]


@pytest.fixture
def uow():
    return inmemory.unit_of_work(ProcurementUnitOfWork, metadata, seed=demo.seed)


def request(uow, request_no: str, material: str, quantity: str, company: str = "P1",
            order_no: str = ORDER) -> None:
    payload = MaterialRequested(request_no=request_no, order_no=order_no,
                                material_code=material, quantity=D(quantity),
                                needed_by=date.today() + timedelta(days=40))
    event = new_envelope("planning.material_requested", payload, company_id=company,
                         order_no=order_no)
    inbound.material_requested(event, payload, uow)


def ordered_po(uow, quantity: str = "2") -> str:
    """A PO for breakers nobody holds: bought from the approved supplier (PRC-2)."""
    request(uow, "MR-10", "BRK-VS1-12", quantity)
    [po] = handlers.list_purchase_orders(BUYER, ORDER, None, 100, uow)
    return po.po_no


def receipt(quantity: str, note: str | None = None) -> ReceiptCreate:
    return ReceiptCreate(quantity=quantity, delivery_note_quantity=note or quantity)


def inspected(cls, uow, lot_no: str, **extra) -> None:
    po = handlers.get_purchase_order(GROUP, uow.purchase_orders.by_lot(lot_no).po_no, uow)
    payload = cls(lot_no=lot_no, po_no=po.po_no, order_no=po.order_no,
                  material_code=po.material_code, supplier_code=po.supplier_code,
                  quantity=po.quantity, sample_size=5, defects=0, pass_rate=D("100"),
                  inspected_by="qc.p1", inspected_at=datetime.now(UTC), **extra)
    event = new_envelope(f"quality.{'lot_accepted' if cls is LotAccepted else 'lot_rejected'}",
                         payload, company_id=po.company_id, order_no=po.order_no)
    (inbound.lot_accepted if cls is LotAccepted else inbound.lot_rejected)(event, payload, uow)


def stock(uow, company: str, material: str) -> tuple[Decimal, Decimal]:
    rows = [s for s in handlers.list_stock(GROUP, material, 1000, uow)
            if s.company_id == company]
    return (rows[0].on_hand, rows[0].reserved) if rows else (D(0), D(0))


def events(uow) -> list[str]:
    return [e.event_type for e in uow.published]


def prc4(uow):
    with uow:
        [limit] = uow.deadlines.for_order(ORDER)
    return limit


# -- material requests (PRC-1..3) ------------------------------------------------------------

def test_a_request_own_stock_covers_is_reserved_and_made_available(uow):  # rule PRC-1
    request(uow, "MR-1", "CRATE-L", "3")
    assert stock(uow, "P1", "CRATE-L") == (D(4), D(3))
    [available] = [e for e in uow.published if e.event_type != "procurement.stock_level_changed"]
    assert available.event_type == "procurement.material_available"
    assert available.payload["source"] == "stock"
    [level] = [e.payload for e in uow.published
               if e.event_type == "procurement.stock_level_changed"]  # CO-2: planning's copy
    assert (level["company_id"], D(level["on_hand"]), D(level["available"])) == ("P1", 4, 1)
    stages = handlers.journey(BUYER, ORDER, uow)
    assert [s.stage for s in stages] == ["material requested", "matched from stock"]


def test_material_nobody_holds_is_bought_from_the_approved_supplier(uow):  # rule PRC-2, PRC-4
    po_no = ordered_po(uow)
    po = handlers.get_purchase_order(BUYER, po_no, uow)
    assert (po.po_no, po.supplier_code, po.status) == ("PO-P1-000001", "SUP-ABB", "placed")
    assert po.unit_price == D("14500.00")  # never the cheaper unapproved SUP-CHEAP
    assert events(uow) == ["procurement.purchase_ordered"]
    limit = prc4(uow)
    assert (limit.rule_id, limit.subject, limit.status) == (PRC4.rule_id, f"PO {po_no}", "open")
    assert [s.stage for s in handlers.journey(BUYER, ORDER, uow)] == [
        "material requested", "purchase order placed", "awaiting delivery"]


def test_a_lead_time_under_five_working_days_leaves_prc4_open_to_breach_not_met():
    """X-1, PRC-4: with a 2-day lead time the moment to ask the supplier passed before the
    PO was placed; nobody asked, so the limit is not met: it breaches at the next sweep."""
    data = demo_data.load(None)
    for supplier in data["procurement"]["suppliers"]:
        for supply in supplier["supplies"]:
            if supply["material_code"] == "BRK-VS1-12":
                supply["lead_days"] = 2
    fast = inmemory.unit_of_work(ProcurementUnitOfWork, metadata, seed=demo.seed, data=data)
    ordered_po(fast)
    limit = prc4(fast)
    assert (limit.status, limit.met_at) == ("open", None)
    assert limit.due_at <= datetime.now(UTC)
    assert deadlines.sweep(fast) == 1
    assert prc4(fast).status == "breached"


def test_the_same_request_sent_again_places_no_second_order(uow):
    ordered_po(uow)
    request(uow, "MR-10", "BRK-VS1-12", "2")
    assert len(handlers.list_purchase_orders(BUYER, None, None, 100, uow)) == 1
    assert events(uow) == ["procurement.purchase_ordered"]


def test_a_material_without_an_approved_supplier_waits_for_a_buyer(uow):  # rule PRC-2
    request(uow, "MR-3", "NO-SUCH-MATERIAL", "1")
    assert handlers.list_purchase_orders(BUYER, None, None, 100, uow) == []
    assert uow.published == []
    last = handlers.journey(BUYER, ORDER, uow)[-1]
    assert (last.stage, last.state) == ("sourcing", "waiting")


# -- receiving (PRC-6) -------------------------------------------------------------------------

def test_a_receipt_becomes_a_lot_for_inspection_not_stock(uow):  # PRC-4/6
    po_no = ordered_po(uow)
    po = handlers.receive_goods(BUYER, po_no, receipt("2"), uow)
    [lot] = po.lots
    assert (lot.lot_no, lot.status, lot.replacement_for) == (
        "LOT-P1-000001", "awaiting_inspection", None)
    assert po.received_quantity == D(2)
    assert events(uow)[-1] == "procurement.goods_received"
    assert uow.published[-1].payload["lot_no"] == "LOT-P1-000001"
    assert stock(uow, "P1", "BRK-VS1-12") == (D(0), D(0))
    # PRC-4 is the supplier's confirmation days earlier, not the receipt
    assert prc4(uow).status == "open"


def test_a_receipt_far_beyond_the_order_is_rejected_saying_the_quantities(uow):  # rule PRC-6
    po_no = ordered_po(uow, quantity="1")
    with pytest.raises(OverReceipt) as refusal:
        handlers.receive_goods(BUYER, po_no, receipt("100000"), uow)
    assert isinstance(refusal.value, Rejected)  # the request itself is wrong: 422
    assert "ordered 1, already received 0, offered 100000" in refusal.value.message
    assert refusal.value.details == {"po_no": po_no, "ordered": "1", "already_received": "0",
                                     "offered": "100000", "tolerance_percent": "5"}
    assert handlers.get_purchase_order(BUYER, po_no, uow).lots == []
    assert events(uow) == ["procurement.purchase_ordered"]  # no goods_received
    assert prc4(uow).status == "open"  # nothing arrived, so nothing was confirmed


def test_a_receipt_within_the_over_receipt_tolerance_is_accepted(uow):  # rule PRC-6
    po_no = ordered_po(uow, quantity="20")
    allowed = D(20) * (1 + OVER_RECEIPT_TOLERANCE)  # 21
    po = handlers.receive_goods(BUYER, po_no, receipt(str(allowed)), uow)
    assert po.received_quantity == allowed


def test_just_beyond_the_tolerance_is_rejected(uow):  # rule PRC-6
    po_no = ordered_po(uow, quantity="20")
    with pytest.raises(OverReceipt, match="at most 21 more"):
        handlers.receive_goods(BUYER, po_no, receipt("21.001"), uow)


def test_the_check_counts_what_was_already_received(uow):  # rule PRC-6
    po_no = ordered_po(uow, quantity="20")
    handlers.receive_goods(BUYER, po_no, receipt("15"), uow)
    with pytest.raises(OverReceipt, match="already received 15, offered 7"):
        handlers.receive_goods(BUYER, po_no, receipt("7"), uow)
    po = handlers.receive_goods(BUYER, po_no, receipt("6"), uow)
    assert [lot.quantity for lot in po.lots] == [D(15), D(6)]


def test_a_returned_lot_does_not_count_so_its_replacement_is_taken_in_full(uow):  # PRC-6
    po_no = ordered_po(uow)
    handlers.receive_goods(BUYER, po_no, receipt("2"), uow)
    inspected(LotRejected, uow, "LOT-P1-000001", reasons=["pass rate 80%"])
    po = handlers.receive_goods(BUYER, po_no, receipt("2"), uow)
    assert po.lots[-1].replacement_for == "LOT-P1-000001"


def test_nothing_more_is_awaited_while_the_whole_order_is_in_inspection(uow):
    po_no = ordered_po(uow)
    handlers.receive_goods(BUYER, po_no, receipt("2"), uow)
    with pytest.raises(PurchaseOrderRefused, match="in inspection") as refusal:
        handlers.receive_goods(BUYER, po_no, receipt("0.05"), uow)
    assert isinstance(refusal.value, Refused)  # the PO's state refuses it: 409


def test_another_companys_purchase_order_is_not_found(uow):
    po_no = ordered_po(uow)
    with pytest.raises(PurchaseOrderNotFound) as refusal:
        handlers.get_purchase_order(P2_BUYER, po_no, uow)
    assert isinstance(refusal.value, Missing)  # 404: no leak of its existence
    with pytest.raises(PurchaseOrderNotFound):
        handlers.receive_goods(P2_BUYER, po_no, receipt("2"), uow)
    with pytest.raises(PurchaseOrderNotFound):
        handlers.get_purchase_order(BUYER, "PO-P1-999999", uow)
    assert handlers.list_purchase_orders(P2_BUYER, None, None, 100, uow) == []
    assert handlers.journey(P2_BUYER, ORDER, uow) == []


def test_a_repeated_receipt_command_makes_one_lot_and_answers_the_same(uow):
    po_no = ordered_po(uow)
    goods = receipt("2")

    def receive():
        return run_once(uow, "buyer.p1:key-1", "receive_goods", [po_no, goods.model_dump()],
                        lambda: reply(handlers.receive_goods(BUYER, po_no, goods, uow)))

    first, second = receive(), receive()
    assert first == second
    assert len(handlers.get_purchase_order(BUYER, po_no, uow).lots) == 1
    assert events(uow).count("procurement.goods_received") == 1


# -- incoming inspection outcomes (QLT-1, PRC-6) ---------------------------------------------

def test_a_rejected_lot_is_returned_and_only_its_replacement_reaches_stock(uow):  # QLT-1
    po_no = ordered_po(uow)
    handlers.receive_goods(BUYER, po_no, receipt("2"), uow)
    inspected(LotRejected, uow, "LOT-P1-000001", reasons=["pass rate 80%"],
              serious_defects=["wrong_spec"])
    po = handlers.get_purchase_order(BUYER, po_no, uow)
    assert po.status == "awaiting_replacement"
    assert po.lots[0].status == "rejected_returned"
    assert stock(uow, "P1", "BRK-VS1-12") == (D(0), D(0))

    assert handlers.receive_goods(BUYER, po_no, receipt("2"), uow).status == "placed"
    inspected(LotAccepted, uow, "LOT-P1-000002")
    po = handlers.get_purchase_order(BUYER, po_no, uow)
    assert po.status == "received"
    assert stock(uow, "P1", "BRK-VS1-12") == (D(2), D(2))
    available = uow.published[-1]
    assert available.event_type == "procurement.material_available"
    assert (available.payload["source"], available.payload["request_no"]) == ("purchase", "MR-10")
    stages = handlers.journey(BUYER, ORDER, uow)
    assert [s.stage for s in stages] == [
        "material requested", "purchase order placed", "goods received",
        "returned to supplier", "goods received", "accepted into store"]
    assert "serious defect: wrong_spec" in stages[3].summary
    assert stages[4].refs["replacement_for"] == "LOT-P1-000001"


def test_a_received_purchase_order_refuses_further_receipts(uow):
    po_no = ordered_po(uow)
    handlers.receive_goods(BUYER, po_no, receipt("2"), uow)
    inspected(LotAccepted, uow, "LOT-P1-000001")
    with pytest.raises(PurchaseOrderRefused, match="received: nothing is awaited"):
        handlers.receive_goods(BUYER, po_no, receipt("1"), uow)


def test_an_excess_within_the_tolerance_goes_into_store_unreserved(uow):  # rule PRC-6
    po_no = ordered_po(uow, quantity="20")
    handlers.receive_goods(BUYER, po_no, receipt("21"), uow)
    inspected(LotAccepted, uow, "LOT-P1-000001")
    assert stock(uow, "P1", "BRK-VS1-12") == (D(21), D(20))  # the request's 20 reserved


def test_a_decision_on_an_unknown_or_decided_lot_is_recorded_and_changes_nothing(uow):
    po_no = ordered_po(uow)
    handlers.receive_goods(BUYER, po_no, receipt("2"), uow)
    inspected(LotAccepted, uow, "LOT-P1-000001")
    published = len(uow.published)
    inspected(LotAccepted, uow, "LOT-P1-000001")  # the same decision under a new event id
    inspected(LotRejected, uow, "LOT-P1-000001", reasons=["late"])
    assert stock(uow, "P1", "BRK-VS1-12") == (D(2), D(2))
    assert len(uow.published) == published
    ghost = LotAccepted(lot_no="LOT-P1-999999", po_no="PO-P1-999999", order_no=ORDER,
                        material_code="X", supplier_code="SUP-ABB", quantity=D(1),
                        sample_size=1, defects=0, pass_rate=D(100), inspected_by="qc.p1",
                        inspected_at=datetime.now(UTC))
    inbound.lot_accepted(new_envelope("quality.lot_accepted", ghost, company_id="P1"), ghost,
                         uow)
    assert len(uow.published) == published


# -- reads -------------------------------------------------------------------------------------

def test_purchase_orders_filter_by_order_and_status_newest_first_within_the_limit(uow):
    request(uow, "MR-10", "BRK-VS1-12", "2")
    request(uow, "MR-11", "CORE-SI-500", "1", order_no="SO-P1-000002")
    newest_first = [po.po_no for po in handlers.list_purchase_orders(BUYER, None, None, 100, uow)]
    assert newest_first == ["PO-P1-000002", "PO-P1-000001"]
    assert [po.po_no for po in handlers.list_purchase_orders(BUYER, None, None, 1, uow)] == [
        "PO-P1-000002"]
    assert [po.po_no for po in handlers.list_purchase_orders(BUYER, ORDER, None, 100, uow)] == [
        "PO-P1-000001"]
    handlers.receive_goods(BUYER, "PO-P1-000001", receipt("2"), uow)
    inspected(LotAccepted, uow, "LOT-P1-000001")
    received = handlers.list_purchase_orders(BUYER, None, PurchaseOrderStatus.RECEIVED, 100, uow)
    assert [po.po_no for po in received] == ["PO-P1-000001"]


def test_stock_is_visible_group_wide_by_material_within_the_limit(uow):  # rule CO-2
    every = handlers.list_stock(P2_BUYER, None, 1000, uow)
    assert {s.company_id for s in every} == {"P1", "P2", "S1"}
    assert [(s.company_id, s.on_hand) for s in handlers.list_stock(P2_BUYER, "CRATE-L", 1000,
                                                                     uow)] == [
        ("P1", D(4)), ("S1", D(10))]
    assert len(handlers.list_stock(P2_BUYER, None, 2, uow)) == 2


# -- supplier follow-up (PRC-4, PRC-5) --------------------------------------------------------

def test_a_second_confirmation_gets_its_own_slip_report_and_ship_day_check(uow):
    """PRC-4, PRC-5: the supplier re-confirms a later date: the fresh slip's 30-minute report
    and the new ship day's check are tracked; the old date's are closed as superseded."""
    from contracts.rpc.supplier_follow_up import ShipDateConfirmation
    from procurement import supplier_follow_up

    po_no = ordered_po(uow)
    first, second = (date.today() + timedelta(days=days) for days in (60, 75))
    for ship_date in (first, second):
        supplier_follow_up.confirm_ship_date(
            BUYER, po_no, ShipDateConfirmation(ship_date=ship_date), uow)
    with uow:
        limits = {d.subject: d for d in uow.deadlines.for_order(ORDER)}
    assert {subject: d.status for subject, d in limits.items() if "ships" in subject or
            "ship day" in subject} == {
        f"slip of PO {po_no} (ships {first})": "superseded",
        f"ship day of PO {po_no} ({first})": "superseded",
        f"slip of PO {po_no} (ships {second})": "open",
        f"ship day of PO {po_no} ({second})": "open"}
    assert limits[f"ship day of PO {po_no} ({second})"].due_at.date() == second
    assert all(d.met_at is None for d in limits.values() if d.status == "superseded")
