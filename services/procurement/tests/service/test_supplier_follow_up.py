"""Supplier follow-up against the real broker and database (PRC-4, PRC-5): the confirmed
ship date meets the follow-up limit, a slip is reported with a remedy, the ship day is
checked; each limit breaches when nobody acts."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from nameko.standalone.rpc import ServiceRpcProxy

from contracts.events.planning import MaterialRequested
from procurement.service import ProcurementService
from servicekit.testing import deliver_event, signed_actor, start_service, take_message
from servicekit.testing_deadlines import assert_limit_breaches
from servicekit.workcalendar import DEFAULT_CALENDAR

P1_BUYER = signed_actor({"username": "buyer.p1", "roles": ["procurement"], "companies": ["P1"]})
P2_BUYER = signed_actor({"username": "buyer.p2", "roles": ["procurement"], "companies": ["P2"]})
ORDERED_Q = "planning.procurement.purchase_ordered"
ORDER = "SO-P1-000001"


@pytest.fixture
def procurement(container_factory, make_config):
    return start_service(container_factory, ProcurementService, make_config("procurement"))


def placed_po(procurement, amqp_uri, needed_in_days=40) -> dict:
    """A PO for a breaker (15 working days' lead time: far beyond PRC-4's 5 days)."""
    deliver_event(procurement, "on_material_requested", "planning.material_requested",
                  MaterialRequested(request_no="MR-30", order_no=ORDER, material_code="BRK-VS1-12",
                                    quantity=Decimal(2),
                                    needed_by=date.today() + timedelta(days=needed_in_days)),
                  company_id="P1")
    return take_message(amqp_uri, ORDERED_Q)["payload"]


def limits(proxy) -> dict[str, str]:
    return {d["subject"]: d["status"] for d in proxy.deadlines_for_order(ORDER)}


def test_a_long_lead_po_confirmed_by_the_supplier_does_not_breach_prc_4(
        procurement, amqp_uri):  # rule PRC-4
    ordered = placed_po(procurement, amqp_uri)
    with ServiceRpcProxy("procurement", procurement.config) as proxy:
        assert limits(proxy)[f"PO {ordered['po_no']}"] == "open"
        follow_up = proxy.confirm_ship_date(P1_BUYER, ordered["po_no"],
                                            {"ship_date": ordered["confirmed_date"]})
        assert follow_up["slipped"] is False
        assert limits(proxy)[f"PO {ordered['po_no']}"] == "met"
        # no slip, nothing to report
        with pytest.raises(Exception) as info:
            proxy.report_slip(P1_BUYER, ordered["po_no"], {"remedy": "expedite", "holds": True})
        assert info.value.exc_type == "Conflict"
        with pytest.raises(Exception) as info:  # another company's PO is not found
            proxy.confirm_ship_date(P2_BUYER, ordered["po_no"],
                                    {"ship_date": ordered["confirmed_date"]})
        assert info.value.exc_type == "NotFound"


def test_a_slip_is_reported_with_a_remedy_and_meets_its_30_minute_limit(
        procurement, amqp_uri):  # rule PRC-4
    ordered = placed_po(procurement, amqp_uri, needed_in_days=30)
    late = (date.today() + timedelta(days=45)).isoformat()
    po_no = ordered["po_no"]
    with ServiceRpcProxy("procurement", procurement.config) as proxy:
        assert proxy.confirm_ship_date(P1_BUYER, po_no, {"ship_date": late})["slipped"] is True
        assert limits(proxy)[f"slip of PO {po_no} (ships {late})"] == "open"
        # a vendor change is agreed with design and sales first
        with pytest.raises(Exception) as info:
            proxy.report_slip(P1_BUYER, po_no, {"remedy": "change_vendor_or_model",
                                                "holds": True})
        assert info.value.exc_type == "InvalidRequest"
        reported = proxy.report_slip(P1_BUYER, po_no, {"remedy": "borrow_from_sister",
                                                       "holds": True})
        assert reported["remedy"] == "borrow_from_sister" and reported["remedy_holds"]
        assert limits(proxy)[f"slip of PO {po_no} (ships {late})"] == "met"
        stages = [s["stage"] for s in proxy.journey(P1_BUYER, ORDER)]
    assert "slip reported" in stages


def test_an_unreported_slip_breaches_prc_4(procurement, amqp_uri):  # rule PRC-4, X-1
    ordered = placed_po(procurement, amqp_uri, needed_in_days=30)
    with ServiceRpcProxy("procurement", procurement.config) as proxy:
        proxy.confirm_ship_date(P1_BUYER, ordered["po_no"],
                                {"ship_date": (date.today() + timedelta(days=45)).isoformat()})
    assert_limit_breaches(procurement, "PRC-4.slip_report", ORDER)


def test_the_ship_day_check_records_the_carrier_or_a_missed_shipment(
        procurement, amqp_uri):  # rule PRC-5
    ordered = placed_po(procurement, amqp_uri)
    po_no = ordered["po_no"]
    with ServiceRpcProxy("procurement", procurement.config) as proxy:
        with pytest.raises(Exception) as info:  # nothing confirmed yet
            proxy.check_shipment(P1_BUYER, po_no, {"shipped": True, "carrier": "SF"})
        assert info.value.exc_type == "Conflict"
        proxy.confirm_ship_date(P1_BUYER, po_no, {"ship_date": ordered["confirmed_date"]})
        ship_day = f"ship day of PO {po_no} ({ordered['confirmed_date']})"
        assert limits(proxy)[ship_day] == "open"
        missed = proxy.check_shipment(P1_BUYER, po_no,
                                      {"shipped": False, "reason": "truck broke down"})
        assert missed["shipped"] is False
        assert limits(proxy)[ship_day] == "met"
        stages = {s["stage"]: s for s in proxy.journey(P1_BUYER, ORDER)}
        assert "missed shipment: truck broke down" in stages["ship-day check"]["summary"]
        shipped = proxy.check_shipment(P1_BUYER, po_no, {"shipped": True, "carrier": "SF",
                                                         "carrier_contact": "0512-1234"})
        assert shipped["carrier"] == "SF"


def test_a_ship_day_nobody_checks_breaches_prc_5(procurement, amqp_uri):  # rule PRC-5, X-1
    ordered = placed_po(procurement, amqp_uri)
    with ServiceRpcProxy("procurement", procurement.config) as proxy:
        proxy.confirm_ship_date(P1_BUYER, ordered["po_no"],
                                {"ship_date": ordered["confirmed_date"]})
    assert_limit_breaches(
        procurement, "PRC-5.ship_day_check", ORDER,
        anchor=DEFAULT_CALENDAR.start_of_business(date.fromisoformat(ordered["confirmed_date"])))
