"""AFS-4 remedies linked to their cause, on a real unit of work (in-memory SQLite):
a replacement asks logistics to ship, quality feedback asks quality for an NCR, and
their answers link both numbers to the remedy."""

from __future__ import annotations

from datetime import timedelta

import pytest

from aftersales import handlers, remedies
from aftersales.adapters.tables import metadata
from aftersales.domain.errors import RequestNotFound, StepOutOfOrder
from aftersales.unit_of_work import AftersalesUnitOfWork
from contracts.envelope import new_envelope
from contracts.events.logistics import ReplacementShipmentPlanned
from contracts.events.quality import ComplaintLinked
from contracts.rpc.aftersales import ContactCreate, RemedyCreate
from servicekit import inmemory

from .test_aftersales_use_cases import ORDER, P2_SERVICE, SERVICE, T0, events, opened


@pytest.fixture
def uow():
    return inmemory.unit_of_work(AftersalesUnitOfWork, metadata)


def contacted(uow, **overrides) -> str:
    number = opened(uow, **overrides)
    handlers.forward_request(SERVICE, number, uow, now=T0 + timedelta(minutes=5))
    handlers.record_contact(SERVICE, number, ContactCreate(notes="called the site"), uow,
                            now=T0 + timedelta(minutes=30))
    return number


def replacement(**overrides) -> RemedyCreate:
    return RemedyCreate.model_validate({
        "kind": "replacement", "notes": "replace the breaker",
        "lines": [{"product_code": "GGD-400", "quantity": "1"}], **overrides})


def test_a_replacement_for_a_quality_complaint_asks_logistics_and_quality(uow):  # AFS-4
    number = contacted(uow, kind="quality")
    remedy = remedies.plan_remedy(SERVICE, number, replacement(), uow,
                                  now=T0 + timedelta(hours=1))
    assert (remedy.kind, remedy.quality_feedback) == ("replacement", True)
    assert events(uow)[-2:] == ["aftersales.replacement_requested",
                                "aftersales.quality_complaint_raised"]
    shipped = uow.published[-2].payload
    assert shipped["lines"] == [{"product_code": "GGD-400", "quantity": "1"}]
    assert shipped["customer_code"] == "CUST-001"


def test_the_ncr_and_the_shipment_quality_and_logistics_report_are_linked(uow):
    number = contacted(uow, kind="quality")
    remedies.plan_remedy(SERVICE, number, replacement(), uow)
    linked = ComplaintLinked(request_no=number, ncr_no="NCR-P1-000007", order_no=ORDER,
                             joined=False)
    remedies.complaint_linked(new_envelope("quality.complaint_linked", linked,
                                           company_id="P1", order_no=ORDER), linked, uow)
    planned = ReplacementShipmentPlanned(shipment_no="RS-P1-000001", request_no=number,
                                         order_no=ORDER)
    remedies.replacement_shipment_planned(new_envelope(
        "logistics.replacement_shipment_planned", planned, company_id="P1", order_no=ORDER),
        planned, uow)
    remedy = remedies.get_remedy(SERVICE, number, uow)
    assert (remedy.ncr_no, remedy.replacement_shipment_no) == ("NCR-P1-000007", "RS-P1-000001")


def test_a_repair_of_a_non_quality_request_tells_nobody_else(uow):
    number = contacted(uow, kind="repair")
    remedies.plan_remedy(SERVICE, number, RemedyCreate(kind="repair", notes="on site"), uow)
    assert "aftersales.replacement_requested" not in events(uow)
    assert "aftersales.quality_complaint_raised" not in events(uow)


def test_a_remedy_before_contact_or_a_second_one_is_refused(uow):
    number = opened(uow, kind="quality")
    with pytest.raises(StepOutOfOrder):
        remedies.plan_remedy(SERVICE, number, replacement(), uow)
    handlers.forward_request(SERVICE, number, uow)
    handlers.record_contact(SERVICE, number, ContactCreate(notes="called"), uow)
    remedies.plan_remedy(SERVICE, number, replacement(), uow)
    with pytest.raises(StepOutOfOrder):
        remedies.plan_remedy(SERVICE, number, replacement(), uow)


def test_a_replacement_without_lines_is_refused_at_the_edge():
    with pytest.raises(ValueError):
        RemedyCreate(kind="replacement", notes="replace it")
    with pytest.raises(ValueError):
        RemedyCreate(kind="repair", notes="fix it",
                     lines=[{"product_code": "GGD-400", "quantity": "1"}])


def test_another_companys_remedy_is_not_found(uow):
    number = contacted(uow)
    remedies.plan_remedy(SERVICE, number, RemedyCreate(kind="repair", notes="on site"), uow)
    with pytest.raises(RequestNotFound):
        remedies.get_remedy(P2_SERVICE, number, uow)
