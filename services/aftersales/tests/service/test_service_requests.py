"""Aftersales against the real broker and database: a delivered order's service request
from recording to remedy, with its AFS-1 and AFS-2 time limits (X-1)."""

from datetime import UTC, datetime

import pytest
from nameko.standalone.rpc import ServiceRpcProxy

from aftersales.service import AftersalesService
from contracts.events.logistics import ShipmentDelivered
from servicekit import testing
from servicekit.testing import event_envelope, signed_actor, start_service, take_message
from servicekit.testing_deadlines import assert_limit_breaches

# Actors as the gateway sends them: signed (issue 8.9).
SALES_P1 = signed_actor({"username": "sales.p1", "roles": ["sales"], "companies": ["P1"]})
AFS_P1 = signed_actor({"username": "afs.p1", "roles": ["aftersales"], "companies": ["P1"]})
AFS_P2 = signed_actor({"username": "afs.p2", "roles": ["aftersales"], "companies": ["P2"]})
ORDER = "SO-P1-000001"
REQUEST = {"order_no": ORDER, "kind": "repair", "description": "breaker trips at 80% load"}


def shipment_delivered(order_no=ORDER, company="P1", shipment_no="SH-P1-000001",
                       damaged=False):
    payload = ShipmentDelivered(order_no=order_no, shipment_no=shipment_no,
                                customer_code="CUST-001", delivered_at=datetime.now(UTC),
                                received_by="site foreman", receipt_no="R-1", damaged=damaged)
    return event_envelope("logistics.shipment_delivered", payload, company_id=company)


def deliver(container, envelope):
    testing.deliver(container, "on_shipment_delivered", envelope)


@pytest.fixture
def aftersales(container_factory, make_config):
    return start_service(container_factory, AftersalesService, make_config("aftersales"))


def rpc(container):
    return ServiceRpcProxy("aftersales", container.config)


def by_rule(deadlines):
    return {d["rule_id"]: d for d in deadlines}


def test_a_request_travels_from_recording_to_remedy_within_its_time_limits(
        aftersales, db_backend):
    uri = aftersales.config["AMQP_URI"]
    with rpc(aftersales) as proxy:
        with pytest.raises(Exception) as info:  # rule AFS-1: only delivered orders
            proxy.open_request(SALES_P1, REQUEST)
        assert info.value.exc_type == "Conflict"

        deliver(aftersales, shipment_delivered())

        request = proxy.open_request(SALES_P1, REQUEST)
        assert request["request_no"] == "SR-P1-000001"
        assert request["status"] == "recorded" and request["recorded_by"] == "sales.p1"
        assert request["customer_code"] == "CUST-001"
        event = take_message(uri, "sales.aftersales.service_requested")
        assert event["payload"]["request_no"] == "SR-P1-000001"
        afs1 = by_rule(proxy.deadlines_for_order(ORDER))["AFS-1"]
        assert afs1["status"] == "open" and afs1["subject"] == "request SR-P1-000001"

        with pytest.raises(Exception) as info:  # out of order: contact before forwarding
            proxy.record_contact(AFS_P1, "SR-P1-000001", {"notes": "called"})
        assert info.value.exc_type == "Conflict"

        forwarded = proxy.forward_request(SALES_P1, "SR-P1-000001")
        assert forwarded["status"] == "forwarded"
        limits = by_rule(proxy.deadlines_for_order(ORDER))
        assert limits["AFS-1"]["status"] == "met"
        assert limits["AFS-2"]["status"] == "open"

        contacted = proxy.record_contact(AFS_P1, "SR-P1-000001",
                                         {"notes": "site visit booked"})
        assert contacted["status"] == "contacted"
        assert by_rule(proxy.deadlines_for_order(ORDER))["AFS-2"]["status"] == "met"

        resolved = proxy.resolve_request(AFS_P1, "SR-P1-000001",
                                         {"remedy": "replaced the trip unit"})
        assert resolved["status"] == "resolved"
        assert resolved["remedy"] == "replaced the trip unit"
        event = take_message(uri, "sales.aftersales.service_resolved")
        assert event["event_type"] == "aftersales.service_resolved"
        assert event["payload"]["remedy"] == "replaced the trip unit"
        assert event["order_no"] == ORDER

        with pytest.raises(Exception) as info:
            proxy.resolve_request(AFS_P1, "SR-P1-000001", {"remedy": "again"})
        assert info.value.exc_type == "Conflict"

        stages = proxy.journey(SALES_P1, ORDER)
        assert [s["stage"] for s in stages] == [
            "service request recorded", "forwarded to after-sales", "customer contacted",
            "resolved"]
        assert all(s["state"] == "done" for s in stages)
        assert stages[1]["refs"]["rule"] == "AFS-1" and stages[1]["refs"]["deadline"] == "met"
        assert stages[2]["refs"]["rule"] == "AFS-2"


def test_requests_are_scoped_to_the_actors_companies(aftersales):
    deliver(aftersales, shipment_delivered())
    with rpc(aftersales) as proxy:
        request = proxy.open_request(SALES_P1, REQUEST)
        for call in (lambda: proxy.forward_request(AFS_P2, request["request_no"]),
                     lambda: proxy.open_request(AFS_P2, REQUEST)):
            with pytest.raises(Exception) as info:
                call()
            assert info.value.exc_type == "NotFound"
        assert proxy.list_requests(AFS_P2) == []
        assert proxy.journey(AFS_P2, ORDER) == []
        assert [r["request_no"] for r in proxy.list_requests(AFS_P1, ORDER, "recorded")] == [
            "SR-P1-000001"]
        assert proxy.list_requests(AFS_P1, None, "resolved") == []


def test_an_open_request_shows_its_running_time_limit_in_the_journey(aftersales):
    deliver(aftersales, shipment_delivered())
    with rpc(aftersales) as proxy:
        proxy.open_request(SALES_P1, REQUEST)
        stages = proxy.journey(SALES_P1, ORDER)
    assert [(s["stage"], s["state"]) for s in stages] == [
        ("service request recorded", "done"), ("forwarded to after-sales", "in_progress")]
    assert stages[1]["refs"]["deadline"] == "open"


def test_a_redelivered_delivery_is_recorded_once_and_bad_input_is_refused(aftersales):
    envelope = shipment_delivered()
    deliver(aftersales, envelope)
    deliver(aftersales, shipment_delivered())  # same shipment, a new event id
    with rpc(aftersales) as proxy:
        proxy.open_request(SALES_P1, REQUEST)
        with pytest.raises(Exception) as info:
            proxy.open_request(SALES_P1, {**REQUEST, "kind": "complaint"})
        assert info.value.exc_type == "InvalidRequest"
        with pytest.raises(Exception) as info:
            proxy.list_requests(SALES_P1, None, "bogus")
        assert info.value.exc_type == "InvalidRequest"
        with pytest.raises(Exception) as info:
            proxy.forward_request(SALES_P1, "SR-P1-999999")
        assert info.value.exc_type == "NotFound"


def test_unsigned_actors_and_absurd_payloads_are_refused_at_the_edge(aftersales):
    deliver(aftersales, shipment_delivered())
    unsigned = {"username": "sales.p1", "roles": ["sales"], "companies": ["P1"]}
    with rpc(aftersales) as proxy:
        for call, expected in [
            (lambda: proxy.open_request(unsigned, REQUEST), "Forbidden"),  # issue 8.9
            (lambda: proxy.open_request(SALES_P1, {**REQUEST, "description": "a\x00b"}),
             "InvalidRequest"),  # issue 8.8: no NUL is stored
            (lambda: proxy.list_requests(SALES_P1, None, None, 10**9), "InvalidRequest"),
        ]:
            with pytest.raises(Exception) as info:
                call()
            assert info.value.exc_type == expected
        assert proxy.list_requests(SALES_P1) == []


def test_a_delivery_received_damaged_opens_a_damage_request_at_once(aftersales):  # LOG-6
    deliver(aftersales, shipment_delivered(damaged=True))
    with rpc(aftersales) as proxy:
        [request] = proxy.list_requests(SALES_P1, ORDER)
        stages = proxy.journey(SALES_P1, ORDER)
    assert (request["kind"], request["status"]) == ("damage", "recorded")
    assert [s["state"] for s in stages if s["stage"] == "received damaged"] == ["done"]


def test_a_request_not_forwarded_in_time_breaches_afs_1(aftersales):  # rule AFS-1, X-1
    deliver(aftersales, shipment_delivered())
    with rpc(aftersales) as proxy:
        proxy.open_request(SALES_P1, REQUEST)
    assert_limit_breaches(aftersales, "AFS-1.forward", ORDER)


def test_a_customer_not_contacted_in_time_breaches_afs_2(aftersales):  # rule AFS-2, X-1
    deliver(aftersales, shipment_delivered())
    with rpc(aftersales) as proxy:
        request_no = proxy.open_request(SALES_P1, REQUEST)["request_no"]
        proxy.forward_request(SALES_P1, request_no)
    assert_limit_breaches(aftersales, "AFS-2.contact", ORDER)
