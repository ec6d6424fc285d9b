"""The envelope and catalog refuse what would confuse a consumer."""

from datetime import datetime
from decimal import Decimal

import pytest
from pydantic import ValidationError

from contracts.catalog import CATALOG, UnknownEvent, validate_payload
from contracts.envelope import EventEnvelope, new_envelope
from contracts.events.planning import MaterialRequested


def _request(**overrides):
    fields = dict(request_no="MR-P1-000001", order_no="SO-P1-000001", material_code="CRATE-L",
                  quantity=Decimal("2"), needed_by="2026-12-01")
    return MaterialRequested(**{**fields, **overrides})


def test_an_envelope_round_trips_through_json_with_its_typed_payload():
    envelope = new_envelope("planning.material_requested", _request(), company_id="P1",
                            order_no="SO-P1-000001")
    again = EventEnvelope.model_validate_json(envelope.model_dump_json())
    assert validate_payload(again) == _request()
    assert again.producer == "planning"


def test_a_naive_occurred_at_is_refused():
    body = new_envelope("planning.material_requested", _request(), company_id="P1")
    with pytest.raises(ValidationError):
        EventEnvelope.model_validate({**body.model_dump(), "occurred_at": datetime(2026, 1, 1)})


def test_an_event_type_that_is_not_service_dot_fact_is_refused():
    body = new_envelope("planning.material_requested", _request(), company_id="P1").model_dump()
    with pytest.raises(ValidationError):
        EventEnvelope.model_validate({**body, "event_type": "MaterialRequested"})


def test_an_event_missing_from_the_catalog_cannot_be_validated():
    body = new_envelope("planning.material_requested", _request(), company_id="P1").model_dump()
    with pytest.raises(UnknownEvent):
        validate_payload(EventEnvelope.model_validate({**body, "event_type": "planning.lunch"}))


def test_a_payload_with_an_unknown_field_is_refused():
    body = new_envelope("planning.material_requested", _request(), company_id="P1").model_dump()
    body["payload"]["surprise"] = 1
    with pytest.raises(ValidationError):
        validate_payload(EventEnvelope.model_validate(body))


def test_a_non_positive_quantity_is_refused():
    with pytest.raises(ValidationError):
        _request(quantity=Decimal("0"))


def test_every_event_type_names_its_producer_and_is_past_tense_snake_case():
    for event_type, spec in CATALOG.items():
        service, fact = event_type.split(".")
        assert service == spec.producer
        assert fact == fact.lower() and " " not in fact
