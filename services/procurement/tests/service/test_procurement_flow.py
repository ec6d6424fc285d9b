"""Procurement against the real broker and database: stock, purchase, receipt, IQC outcomes."""

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest
from nameko.standalone.rpc import ServiceRpcProxy

from contracts.events.planning import MaterialRequested
from contracts.events.quality import LotAccepted, LotRejected
from procurement.service import ProcurementService
from servicekit.testing import (
    deliver_event,
    publish_envelope,
    queue_depth,
    signed_actor,
    start_service,
    take_message,
    wait_until,
)
from servicekit.testing_deadlines import assert_limit_breaches
from servicekit.workcalendar import DEFAULT_CALENDAR

# Actors as the gateway sends them: signed (servicekit.actors verifies every call).
P1_BUYER = signed_actor({"username": "buyer.p1", "roles": ["procurement"], "companies": ["P1"]})
P2_BUYER = signed_actor({"username": "buyer.p2", "roles": ["procurement"], "companies": ["P2"]})
S1_BUYER = signed_actor({"username": "buyer.s1", "roles": ["procurement"], "companies": ["S1"]})
GROUP = signed_actor({"username": "gm", "roles": ["group_general_manager"], "companies": None})

AVAILABLE_Q = "planning.procurement.material_available"
ORDERED_Q = "planning.procurement.purchase_ordered"
RECEIVED_Q = "quality.procurement.goods_received"


def request_material(service, request_no, material, quantity, company="P1",
                     order_no="SO-P1-000001", needed_in_days=40):
    payload = MaterialRequested(request_no=request_no, order_no=order_no,
                                material_code=material, quantity=Decimal(quantity),
                                needed_by=date.today() + timedelta(days=needed_in_days))
    deliver_event(service, "on_material_requested", "planning.material_requested", payload,
                  company_id=company)


def inspection(cls, po, lot_no, **extra):
    return cls(lot_no=lot_no, po_no=po["po_no"], order_no=po["order_no"],
               material_code=po["material_code"], supplier_code=po["supplier_code"],
               quantity=Decimal(po["quantity"]), sample_size=5, defects=0,
               pass_rate=Decimal("100"), inspected_by="qc.p1",
               inspected_at=datetime.now(UTC), **extra)


def stock_of(proxy, company, material):
    rows = [r for r in proxy.list_stock(GROUP, material) if r["company_id"] == company]
    return (Decimal(rows[0]["on_hand"]), Decimal(rows[0]["reserved"])) if rows else (0, 0)


@pytest.fixture
def procurement(container_factory, make_config):
    return start_service(container_factory, ProcurementService, make_config("procurement"))


def test_a_request_covered_by_own_stock_is_reserved_and_available(
        procurement, amqp_uri):  # rule PRC-1
    request_material(procurement, "MR-1", "CRATE-L", "3")
    event = take_message(amqp_uri, AVAILABLE_Q)
    assert event["payload"]["source"] == "stock"
    assert event["payload"]["request_no"] == "MR-1"
    with ServiceRpcProxy("procurement", procurement.config) as proxy:
        assert stock_of(proxy, "P1", "CRATE-L") == (Decimal(4), Decimal(3))
        stages = proxy.journey(P1_BUYER, "SO-P1-000001")
    assert [s["stage"] for s in stages] == ["material requested", "matched from stock"]


def test_a_sister_companys_stock_is_transferred_on_receipt(
        procurement, amqp_uri):  # rule PRC-3, PRC-1, CO-2
    request_material(procurement, "MR-2", "CRATE-M", "5", company="P2",
                     order_no="SO-P2-000001")
    with ServiceRpcProxy("procurement", procurement.config) as proxy:
        [transfer] = wait_until(lambda: proxy.list_transfers(P2_BUYER))
        assert (transfer["from_company"], transfer["status"]) == ("S1", "requested")
        assert stock_of(proxy, "S1", "CRATE-M") == (Decimal(20), Decimal(5))
        shipped = proxy.ship_transfer(S1_BUYER, transfer["transfer_no"],
                                      {"carrier": "S1 truck"})
        assert shipped["status"] == "shipped"
        assert stock_of(proxy, "P2", "CRATE-M") == (0, 0)  # in transit: not moved
        assert queue_depth(amqp_uri, AVAILABLE_Q) == 0
        received = proxy.receive_transfer(P2_BUYER, transfer["transfer_no"],
                                          {"quantity": "5", "inspection_note": "ok"})
        assert received["status"] == "received"
        assert stock_of(proxy, "S1", "CRATE-M") == (Decimal(15), Decimal(0))
        assert stock_of(proxy, "P2", "CRATE-M") == (Decimal(5), Decimal(5))
        # group-wide stock is visible to every company (CO-2)
        assert {r["company_id"] for r in proxy.list_stock(P2_BUYER)} == {"P1", "P2", "S1"}
    event = take_message(amqp_uri, AVAILABLE_Q)
    assert event["payload"]["source"] == "transfer"


def test_a_material_without_an_approved_supplier_is_recorded_unsourced(
        procurement, amqp_uri, container_factory):  # rule PRC-2
    request_material(procurement, "MR-3", "NO-SUCH-MATERIAL", "1")
    with ServiceRpcProxy("procurement", procurement.config) as proxy:
        assert proxy.list_purchase_orders(P1_BUYER) == []
        stages = proxy.journey(P1_BUYER, "SO-P1-000001")
    assert stages[-1]["stage"] == "sourcing" and stages[-1]["state"] == "waiting"


@pytest.mark.usefixtures("db_backend")
def test_a_purchase_through_rejection_replacement_and_acceptance(
        container_factory, make_config, amqp_uri):  # rules PRC-2, PRC-4, PRC-6, QLT-1
    procurement = start_service(container_factory, ProcurementService,
                                make_config("procurement"))

    # Not in any store: bought from the approved supplier, never SUP-CHEAP (PRC-2).
    request_material(procurement, "MR-10", "BRK-VS1-12", "2")
    ordered = take_message(amqp_uri, ORDERED_Q)["payload"]
    assert ordered["supplier_code"] == "SUP-ABB"
    assert ordered["po_no"] == "PO-P1-000001"
    assert date.fromisoformat(ordered["confirmed_date"]) > date.today()

    with ServiceRpcProxy("procurement", procurement.config) as proxy:
        po = proxy.get_purchase_order(P1_BUYER, "PO-P1-000001")
        assert po["status"] == "placed" and po["unit_price"] == "14500.00"
        deadlines = proxy.deadlines_for_order("SO-P1-000001")
        assert [(d["rule_id"], d["status"]) for d in deadlines] == [("PRC-4", "open")]

        # Company scoping: P2 cannot see P1's PO.
        with pytest.raises(Exception) as info:
            proxy.get_purchase_order(P2_BUYER, "PO-P1-000001")
        assert info.value.exc_type == "NotFound"
        assert proxy.list_purchase_orders(P2_BUYER) == []

        # An actor the gateway did not sign is refused (issue 8.9).
        with pytest.raises(Exception) as info:
            proxy.get_purchase_order({"username": "buyer.p1", "roles": ["procurement"],
                                      "companies": ["P1"]}, "PO-P1-000001")
        assert info.value.exc_type == "Forbidden"

        # Receiving is checked against the PO: 100,000 on a PO for 2 is refused (PRC-6).
        with pytest.raises(Exception) as info:
            proxy.receive_goods(P1_BUYER, "PO-P1-000001",
                                {"quantity": "100000", "delivery_note_quantity": "100000"})
        assert info.value.exc_type == "InvalidRequest"
        assert "ordered 2, already received 0, offered 100000" in str(info.value)
        assert proxy.get_purchase_order(P1_BUYER, "PO-P1-000001")["lots"] == []

        # The supplier confirms the ship date: that, not the receipt, meets PRC-4.
        follow_up = proxy.confirm_ship_date(P1_BUYER, "PO-P1-000001",
                                            {"ship_date": ordered["confirmed_date"]})
        assert follow_up["slipped"] is False
        assert proxy.deadlines_for_order("SO-P1-000001")[0]["status"] == "met"

        # Receiving: a lot for IQC, not stock (PRC-6).
        po = proxy.receive_goods(P1_BUYER, "PO-P1-000001",
                                 {"quantity": "2", "delivery_note_quantity": "2"})
        assert po["lots"][0]["lot_no"] == "LOT-P1-000001"
        assert po["lots"][0]["status"] == "awaiting_inspection"
        received = take_message(amqp_uri, RECEIVED_Q)["payload"]
        assert received["lot_no"] == "LOT-P1-000001" and received["replacement_for"] is None
        assert stock_of(proxy, "P1", "BRK-VS1-12") == (0, 0)

        with pytest.raises(Exception) as info:  # the whole order is already in inspection
            proxy.receive_goods(P1_BUYER, "PO-P1-000001",
                                {"quantity": "2", "delivery_note_quantity": "2"})
        assert info.value.exc_type == "Conflict"

    # IQC rejects: returned, replacement awaited, stock untouched (QLT-1).
    deliver_event(procurement, "on_lot_rejected", "quality.lot_rejected",
                  inspection(LotRejected, po, "LOT-P1-000001", reasons=["pass rate 80%"],
                             serious_defects=["wrong_spec"]))
    with ServiceRpcProxy("procurement", procurement.config) as proxy:
        po = proxy.get_purchase_order(P1_BUYER, "PO-P1-000001")
        assert po["status"] == "awaiting_replacement"
        assert po["lots"][0]["status"] == "rejected_returned"
        assert stock_of(proxy, "P1", "BRK-VS1-12") == (0, 0)

        po = proxy.receive_goods(P1_BUYER, "PO-P1-000001",
                                 {"quantity": "2", "delivery_note_quantity": "2"})
        assert po["status"] == "placed"
        received = take_message(amqp_uri, RECEIVED_Q)["payload"]
        assert received["lot_no"] == "LOT-P1-000002"
        assert received["replacement_for"] == "LOT-P1-000001"

    # IQC accepts the replacement: into store, reserved, material available.
    accepted = deliver_event(procurement, "on_lot_accepted", "quality.lot_accepted",
                             inspection(LotAccepted, po, "LOT-P1-000002"))
    available = take_message(amqp_uri, AVAILABLE_Q)["payload"]
    assert available["source"] == "purchase" and available["request_no"] == "MR-10"
    with ServiceRpcProxy("procurement", procurement.config) as proxy:
        assert proxy.get_purchase_order(P1_BUYER, "PO-P1-000001")["status"] == "received"
        assert stock_of(proxy, "P1", "BRK-VS1-12") == (Decimal(2), Decimal(2))

    # The same event again (a redelivery): no second effect.
    publish_envelope(amqp_uri, accepted)
    # ...and the same decision under a new event id: ignored as already decided.
    deliver_event(procurement, "on_lot_accepted", "quality.lot_accepted",
                  inspection(LotAccepted, po, "LOT-P1-000002"))
    with ServiceRpcProxy("procurement", procurement.config) as proxy:
        assert stock_of(proxy, "P1", "BRK-VS1-12") == (Decimal(2), Decimal(2))
        stages = proxy.journey(P1_BUYER, "SO-P1-000001")
        assert proxy.journey(P2_BUYER, "SO-P1-000001") == []
    assert queue_depth(amqp_uri, AVAILABLE_Q) == 0

    assert [s["stage"] for s in stages] == [
        "material requested", "purchase order placed", "goods received",
        "returned to supplier", "goods received", "accepted into store",
        "supplier confirmed ship date"]
    assert stages[3]["refs"]["lot_no"] == "LOT-P1-000001"
    assert "serious defect: wrong_spec" in stages[3]["summary"]
    assert stages[4]["refs"]["replacement_for"] == "LOT-P1-000001"


def test_an_inspection_result_for_an_unknown_lot_is_recorded_not_retried(
        procurement, amqp_uri):
    ghost = {"po_no": "PO-P1-999999", "order_no": "SO-P1-000009", "material_code": "X",
             "supplier_code": "SUP-ABB", "quantity": "1"}
    deliver_event(procurement, "on_lot_accepted", "quality.lot_accepted",
                  inspection(LotAccepted, ghost, "LOT-P1-999999"))
    assert queue_depth(amqp_uri, "procurement.dead-letters") == 0
    assert queue_depth(amqp_uri, AVAILABLE_Q) == 0


def test_a_supplier_that_does_not_confirm_its_ship_date_breaches_prc_4(
        procurement, amqp_uri):  # rule PRC-4, X-1
    request_material(procurement, "MR-20", "BRK-VS1-12", "2")
    confirmed = date.fromisoformat(take_message(amqp_uri, ORDERED_Q)["payload"]["confirmed_date"])
    assert_limit_breaches(procurement, "PRC-4.supplier_confirmation", "SO-P1-000001",
                          anchor=DEFAULT_CALENDAR.start_of_business(confirmed))
