"""After-sales' use cases against a real unit of work on in-memory SQLite: no broker, no fakes.

The fast tier (issue 7.6): each test drives handlers.py / inbound.py as the entrypoints
would, and reads what a user would notice — the request, its events, its AFS-1/AFS-2
time limits (X-1) and the journey (X-3).
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from aftersales import handlers, inbound
from aftersales.adapters.tables import metadata
from aftersales.domain.errors import (
    NotDelivered,
    OrderNotFound,
    RequestNotFound,
    RequestRejected,
    StepOutOfOrder,
)
from aftersales.unit_of_work import AftersalesUnitOfWork
from contracts.envelope import new_envelope
from contracts.events.aftersales import RequestStatus
from contracts.events.logistics import ShipmentDelivered
from contracts.rpc.aftersales import ContactCreate, ResolutionCreate, ServiceRequestCreate
from servicekit import inmemory
from servicekit.commands import run_once
from servicekit.deadlines import sweep
from servicekit.rpcs import reply
from servicekit.timelimits import X1_TIME_LIMITS, due_at

SALES = inmemory.actor("sales.p1", roles=["sales"], companies=["P1"])
SERVICE = inmemory.actor("service.p1", roles=["aftersales"], companies=["P1"])
P2_SERVICE = inmemory.actor("service.p2", roles=["aftersales"], companies=["P2"])
GROUP_GM = inmemory.actor("group.gm", roles=["group_general_manager"], companies=None)
ORDER = "SO-P1-000001"
AFS1 = X1_TIME_LIMITS["AFS-1.forward"]
AFS2 = X1_TIME_LIMITS["AFS-2.contact"]
# A Monday morning in the company's time zone: working time, so limits count from here.
T0 = datetime(2026, 3, 2, 9, 0, tzinfo=ZoneInfo("Asia/Shanghai"))


@pytest.fixture
def uow():
    # No seed: demo/group.json has no aftersales section.
    return inmemory.unit_of_work(AftersalesUnitOfWork, metadata)


def delivered(uow, order_no=ORDER, company="P1", shipment_no="SH-P1-000001", damaged=False):
    payload = ShipmentDelivered(order_no=order_no, shipment_no=shipment_no,
                                customer_code="CUST-001", delivered_at=T0 - timedelta(days=1),
                                received_by="site foreman", receipt_no="R-1", damaged=damaged)
    event = new_envelope("logistics.shipment_delivered", payload, company_id=company,
                         order_no=order_no)
    inbound.shipment_delivered(event, payload, uow)


def request_cmd(**overrides) -> ServiceRequestCreate:
    fields = {"order_no": ORDER, "kind": "repair", "description": "breaker trips at 80% load"}
    return ServiceRequestCreate.model_validate(fields | overrides)


def opened(uow, **overrides) -> str:
    delivered(uow)
    return handlers.open_request(SALES, request_cmd(**overrides), uow, now=T0).request_no


def limits(uow, order_no=ORDER) -> dict:
    with uow:
        return {d.rule_id: d for d in uow.deadlines.for_order(order_no)}


def events(uow) -> list[str]:
    return [e.event_type for e in uow.published]


# -- recording (AFS-1) -----------------------------------------------------------------

def test_a_request_on_a_delivered_order_is_recorded_and_told_to_sales(uow):  # rule AFS-1
    delivered(uow)
    request = handlers.open_request(SALES, request_cmd(), uow, now=T0)
    assert request.request_no == "SR-P1-000001"
    assert (request.status, request.recorded_by) == (RequestStatus.RECORDED, "sales.p1")
    assert (request.company_id, request.customer_code) == ("P1", "CUST-001")
    [event] = uow.published
    assert event.event_type == "aftersales.service_requested"
    assert (event.payload["request_no"], event.order_no) == ("SR-P1-000001", ORDER)


def test_recording_a_request_opens_the_afs1_limit_of_60_working_minutes(uow):  # rule AFS-1
    request_no = opened(uow)
    afs1 = limits(uow)["AFS-1"]
    assert (afs1.status, afs1.subject) == ("open", f"request {request_no}")
    assert afs1.due_at == due_at(AFS1, T0)
    assert "AFS-2" not in limits(uow)  # not before after-sales has received it


def test_a_request_on_an_order_not_yet_delivered_is_refused_and_nothing_is_recorded(uow):
    with pytest.raises(NotDelivered, match="AFS-1"):  # rule AFS-1
        handlers.open_request(SALES, request_cmd(), uow, now=T0)
    assert handlers.list_requests(SALES, None, None, 100, uow) == []
    assert uow.published == [] and limits(uow) == {}


def test_a_request_on_another_companys_order_is_not_found(uow):
    delivered(uow)
    with pytest.raises(OrderNotFound):
        handlers.open_request(P2_SERVICE, request_cmd(), uow, now=T0)
    assert uow.published == []


def test_a_kind_the_contract_does_not_know_is_rejected_at_the_edge():
    with pytest.raises(ValueError, match="kind"):
        request_cmd(kind="complaint")


def test_a_redelivered_delivery_event_is_recorded_once(uow):  # rule LOG-6
    delivered(uow)
    delivered(uow)  # the same shipment, a new event id
    with uow:
        assert len(uow.deliveries.for_order(ORDER)) == 1


def test_a_repeated_open_request_command_records_one_request_and_one_event(uow):
    delivered(uow)
    cmd = request_cmd()

    def send():
        return run_once(uow, "sales.p1:key-1", "open_request", [cmd.model_dump(mode="json")],
                        lambda: reply(handlers.open_request(SALES, cmd, uow, now=T0)))

    first, second = send(), send()
    assert first == second
    assert len(handlers.list_requests(SALES, None, None, 100, uow)) == 1
    assert events(uow) == ["aftersales.service_requested"]


# -- forwarding (AFS-1 met, AFS-2 opened) and contact (AFS-2 met) ------------------------

def test_forwarding_meets_afs1_and_starts_the_afs2_limit_of_2_working_hours(uow):
    request_no = opened(uow)
    forwarded_at = T0 + timedelta(minutes=20)
    forwarded = handlers.forward_request(SALES, request_no, uow, now=forwarded_at)
    assert forwarded.status == RequestStatus.FORWARDED
    found = limits(uow)
    assert (found["AFS-1"].status, found["AFS-1"].met_at) == ("met", forwarded_at)  # AFS-1
    assert found["AFS-2"].status == "open"  # rule AFS-2: from when after-sales receives it
    assert found["AFS-2"].due_at == due_at(AFS2, forwarded_at)


def test_contacting_the_customer_meets_afs2(uow):  # rule AFS-2
    request_no = opened(uow)
    handlers.forward_request(SALES, request_no, uow, now=T0 + timedelta(minutes=20))
    contacted = handlers.record_contact(SERVICE, request_no,
                                        ContactCreate(notes="site visit booked"), uow,
                                        now=T0 + timedelta(hours=1))
    assert contacted.status == RequestStatus.CONTACTED
    assert limits(uow)["AFS-2"].status == "met"


def test_a_request_not_forwarded_in_time_breaches_afs1_and_is_escalated(uow):  # AFS-1, X-2
    opened(uow)
    assert sweep(uow, now=due_at(AFS1, T0) + timedelta(minutes=1)) == 1
    assert limits(uow)["AFS-1"].status == "breached"
    assert events(uow)[-1] == "aftersales.deadline_breached"
    assert uow.published[-1].payload["rule_id"] == "AFS-1"


def test_a_late_forwarding_stays_on_record_as_breached_then_met(uow):  # rule AFS-1, X-1
    request_no = opened(uow)
    late = due_at(AFS1, T0) + timedelta(minutes=5)
    sweep(uow, now=late)
    handlers.forward_request(SALES, request_no, uow, now=late)
    afs1 = limits(uow)["AFS-1"]
    assert (afs1.status, afs1.met_at) == ("breached", late)


def test_a_customer_not_contacted_in_time_breaches_afs2(uow):  # rule AFS-2, X-1
    request_no = opened(uow)
    handlers.forward_request(SALES, request_no, uow, now=T0)
    assert sweep(uow, now=due_at(AFS2, T0) + timedelta(minutes=1)) == 1
    assert limits(uow)["AFS-2"].status == "breached"
    assert limits(uow)["AFS-1"].status == "met"
    assert uow.published[-1].payload["rule_id"] == "AFS-2"


def test_contact_before_forwarding_is_refused_and_changes_nothing(uow):
    request_no = opened(uow)
    with pytest.raises(StepOutOfOrder, match="forwarded"):
        handlers.record_contact(SERVICE, request_no, ContactCreate(notes="called"), uow)
    [request] = handlers.list_requests(SALES, ORDER, None, 100, uow)
    assert request.status == RequestStatus.RECORDED
    assert limits(uow)["AFS-1"].status == "open"


def test_contact_notes_of_only_blanks_are_rejected(uow):  # rule AFS-2
    request_no = opened(uow)
    handlers.forward_request(SALES, request_no, uow, now=T0)
    with pytest.raises(RequestRejected, match="notes"):
        handlers.record_contact(SERVICE, request_no, ContactCreate(notes="   "), uow)
    assert limits(uow)["AFS-2"].status == "open"


def test_another_companys_request_is_not_found(uow):
    request_no = opened(uow)
    for step in (lambda: handlers.forward_request(P2_SERVICE, request_no, uow),
                 lambda: handlers.record_contact(P2_SERVICE, request_no,
                                                 ContactCreate(notes="x"), uow),
                 lambda: handlers.resolve_request(P2_SERVICE, request_no,
                                                  ResolutionCreate(remedy="x"), uow)):
        with pytest.raises(RequestNotFound):
            step()
    with pytest.raises(RequestNotFound):
        handlers.forward_request(SALES, "SR-P1-999999", uow)


# -- remedy (AFS-4) ---------------------------------------------------------------------

def test_resolving_records_the_remedy_and_tells_sales(uow):  # rule AFS-4
    request_no = opened(uow)
    handlers.forward_request(SALES, request_no, uow, now=T0)
    handlers.record_contact(SERVICE, request_no, ContactCreate(notes="called"), uow, now=T0)
    resolved = handlers.resolve_request(SERVICE, request_no,
                                        ResolutionCreate(remedy="replaced the trip unit"), uow,
                                        now=T0 + timedelta(days=2))
    assert (resolved.status, resolved.remedy) == (RequestStatus.RESOLVED,
                                                  "replaced the trip unit")
    assert events(uow) == ["aftersales.service_requested", "aftersales.service_resolved"]
    assert uow.published[-1].payload["remedy"] == "replaced the trip unit"


def test_a_resolved_request_cannot_be_resolved_again(uow):
    request_no = opened(uow)
    handlers.forward_request(SALES, request_no, uow, now=T0)
    handlers.record_contact(SERVICE, request_no, ContactCreate(notes="called"), uow, now=T0)
    handlers.resolve_request(SERVICE, request_no, ResolutionCreate(remedy="fixed"), uow)
    with pytest.raises(StepOutOfOrder):
        handlers.resolve_request(SERVICE, request_no, ResolutionCreate(remedy="again"), uow)
    assert events(uow).count("aftersales.service_resolved") == 1


# -- reads: the list and the journey (X-3) --------------------------------------------------

def test_the_list_shows_the_actors_companies_by_order_status_and_limit(uow):
    opened(uow)
    second = handlers.open_request(SALES, request_cmd(kind="parts"), uow, now=T0).request_no
    handlers.forward_request(SALES, second, uow, now=T0)

    def numbers(actor, order_no=None, status=None, limit=100):
        return [r.request_no for r in handlers.list_requests(actor, order_no, status, limit,
                                                             uow)]

    assert numbers(SALES) == ["SR-P1-000001", "SR-P1-000002"]
    assert numbers(SALES, ORDER, RequestStatus.FORWARDED) == ["SR-P1-000002"]
    assert numbers(SALES, "SO-P1-000099") == []
    assert numbers(SALES, limit=1) == ["SR-P1-000001"]
    assert numbers(P2_SERVICE) == []
    assert numbers(GROUP_GM) == ["SR-P1-000001", "SR-P1-000002"]


def test_the_journey_shows_each_step_with_its_time_limit(uow):  # rules X-3, AFS-1, AFS-2
    request_no = opened(uow)
    stages = handlers.journey(SALES, ORDER, uow)
    assert [(s.stage, s.state) for s in stages] == [
        ("service request recorded", "done"), ("forwarded to after-sales", "in_progress")]
    assert stages[1].refs == {"request_no": request_no, "rule": "AFS-1",
                              "due_at": due_at(AFS1, T0).astimezone(UTC).isoformat(),
                              "deadline": "open"}
    assert stages[1].actor is None

    handlers.forward_request(SALES, request_no, uow, now=T0)
    handlers.record_contact(SERVICE, request_no, ContactCreate(notes="site visit booked"), uow,
                            now=T0)
    handlers.resolve_request(SERVICE, request_no, ResolutionCreate(remedy="fixed"), uow)
    stages = handlers.journey(SALES, ORDER, uow)
    assert [s.stage for s in stages] == ["service request recorded", "forwarded to after-sales",
                                         "customer contacted", "resolved"]
    assert all(s.state == "done" and s.department == "aftersales" for s in stages)
    assert (stages[1].refs["deadline"], stages[2].refs["rule"]) == ("met", "AFS-2")
    assert stages[2].actor == "service.p1" and "site visit booked" in stages[2].summary
    assert handlers.journey(P2_SERVICE, ORDER, uow) == []


def test_a_delivery_received_damaged_opens_a_damage_request_at_once(uow):  # LOG-6, AFS-4
    delivered(uow, damaged=True)
    [request] = handlers.list_requests(SALES, ORDER, None, 100, uow)
    assert (request.kind, request.status, request.recorded_by) == (
        "damage", "recorded", "logistics (LOG-6)")
    assert "received damaged" in request.description
    [damage] = [s for s in handlers.journey(SALES, ORDER, uow) if s.stage == "received damaged"]
    assert damage.state == "done" and damage.refs == {"shipment_no": "SH-P1-000001"}
    with uow:  # forwarding it is due like any request's (AFS-1)
        assert [d.rule_id for d in uow.deadlines.for_order(ORDER)] == ["AFS-1"]
