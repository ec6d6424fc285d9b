"""AFS-1..4: a service request's path through after-sales, as pure rules."""

from datetime import UTC, datetime, timedelta

import pytest

from aftersales.domain import requests as model
from aftersales.domain.errors import NotDelivered, RequestRejected, StepOutOfOrder
from aftersales.domain.requests import Delivery

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
DELIVERY = Delivery(shipment_no="SH-P1-000001", order_no="SO-P1-000001", company_id="P1",
                    customer_code="CUST-001", delivered_at=T0 - timedelta(days=1))


def recorded(**changes):
    data = dict(request_no="SR-P1-000001", delivery=DELIVERY, kind="repair",
                description="breaker trips at 80% load", recorded_by="sales.p1", at=T0)
    return model.open_request(**{**data, **changes})


def test_a_request_on_a_delivered_order_is_recorded_for_its_customer():  # rule AFS-1
    request = recorded()
    assert request.status == "recorded"
    assert (request.company_id, request.customer_code) == ("P1", "CUST-001")
    assert request.recorded_by == "sales.p1"


def test_a_request_needs_a_delivered_order():  # rule AFS-1
    with pytest.raises(NotDelivered, match="SO-P1-000001"):
        model.first_delivery("SO-P1-000001", [])


def test_a_request_is_about_the_orders_first_delivery():  # rule AFS-1
    later = Delivery(shipment_no="SH-P1-000002", order_no="SO-P1-000001", company_id="P1",
                     customer_code="CUST-001", delivered_at=T0)
    assert model.first_delivery("SO-P1-000001", [later, DELIVERY]) == DELIVERY


def test_an_unknown_kind_is_refused():
    with pytest.raises(RequestRejected):
        recorded(kind="complaint")


def test_a_request_goes_forwarded_contacted_resolved():  # rules AFS-1, AFS-2, AFS-4
    request = recorded()
    request.forward(by="sales.p1", at=T0 + timedelta(minutes=20))
    request.record_contact(notes="called the site engineer", by="afs.p1",
                           at=T0 + timedelta(hours=1))
    request.resolve(remedy="replaced the trip unit", by="afs.p1", at=T0 + timedelta(days=2))
    assert request.status == "resolved"
    assert request.forwarded_by == "sales.p1" and request.resolved_by == "afs.p1"
    assert request.remedy == "replaced the trip unit"


def test_contact_before_forwarding_is_out_of_order():
    with pytest.raises(StepOutOfOrder):
        recorded().record_contact(notes="x", by="afs", at=T0)


def test_resolving_before_contact_is_out_of_order():
    request = recorded()
    request.forward(by="sales", at=T0)
    with pytest.raises(StepOutOfOrder):
        request.resolve(remedy="x", by="afs", at=T0)


def test_a_step_happens_once():
    request = recorded()
    request.forward(by="sales", at=T0)
    with pytest.raises(StepOutOfOrder):
        request.forward(by="sales", at=T0)


def test_a_resolved_request_takes_no_more_steps():
    request = recorded()
    request.forward(by="s", at=T0)
    request.record_contact(notes="n", by="a", at=T0)
    request.resolve(remedy="r", by="a", at=T0)
    for step in (lambda: request.forward(by="s", at=T0),
                 lambda: request.record_contact(notes="n", by="a", at=T0),
                 lambda: request.resolve(remedy="r", by="a", at=T0)):
        with pytest.raises(StepOutOfOrder):
            step()


def test_contact_and_remedy_must_say_something():
    request = recorded()
    request.forward(by="s", at=T0)
    with pytest.raises(RequestRejected):
        request.record_contact(notes=" ", by="a", at=T0)
    request.record_contact(notes="called", by="a", at=T0)
    with pytest.raises(RequestRejected):
        request.resolve(remedy="\t", by="a", at=T0)


def test_times_must_be_timezone_aware():
    with pytest.raises(RequestRejected):
        recorded(at=datetime(2026, 3, 2, 9, 0))


def test_deadline_subjects_are_readable():  # rule X-1
    assert model.deadline_subject("SR-P1-000007") == "request SR-P1-000007"


def test_damage_in_transit_is_handled_once_a_damage_request_exists():  # rules AFS-4, LOG-6
    assert not model.damage_is_handled([recorded()])
    assert model.damage_is_handled([recorded(), recorded(kind="damage")])
