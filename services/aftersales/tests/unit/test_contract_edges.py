"""After-sales' payloads refuse absurd input at the edge (issue 8.8): a clear 422, never a
stored NUL or a status filter that silently matches nothing."""

import pytest
from pydantic import TypeAdapter, ValidationError

from contracts.events.aftersales import RequestStatus
from contracts.rpc.aftersales import (
    API,
    ContactCreate,
    ResolutionCreate,
    ServiceRequestCreate,
    ServiceRequestPublic,
)
from contracts.rpc.api import COMMON

REQUEST = {"order_no": "SO-P1-000001", "kind": "repair", "description": "breaker trips"}


@pytest.mark.parametrize("bad", [
    {"description": "trips\x00at load"}, {"description": "x" * 2001}, {"description": "ab"},
    {"kind": "complaint"}, {"order_no": ""}, {"order_no": "SO\x00"}, {"order_no": "S" * 65},
    {"priority": "high"},
], ids=["nul", "too-long", "too-short", "unknown-kind", "empty-order", "nul-order",
        "long-order", "unknown-field"])
def test_a_bad_service_request_is_refused_at_the_edge(bad):
    with pytest.raises(ValidationError):
        ServiceRequestCreate.model_validate(REQUEST | bad)


@pytest.mark.parametrize("model, field", [(ContactCreate, "notes"), (ResolutionCreate, "remedy")])
def test_contact_notes_and_remedies_are_bounded_text_without_nul(model, field):
    assert getattr(model.model_validate({field: "called\nthe site"}), field) == "called\nthe site"
    for bad in ("", "a\x00b", "x" * 2001):
        with pytest.raises(ValidationError):
            model.model_validate({field: bad})


def test_the_list_takes_only_known_statuses_and_a_bounded_limit():
    params = {p.name: p for p in API["list_requests"].params}
    status = TypeAdapter(params["status"].type)
    assert status.validate_python("forwarded") == RequestStatus.FORWARDED
    with pytest.raises(ValidationError):
        status.validate_python("bogus")
    limit = TypeAdapter(params["limit"].type)
    assert params["limit"].default == 100
    for bad in (0, 1001, 10**9):
        with pytest.raises(ValidationError):
            limit.validate_python(bad)


def test_the_table_declares_each_method_as_command_or_query():
    # the department's own methods; those every service has (COMMON) are tested once, in
    # servicekit, so that adding one does not break every department's table test
    common = {m.name for m in COMMON}
    kinds = {m.name: m.kind for m in API if m.name not in common}
    assert kinds == {"open_request": "command", "forward_request": "command",
                     "record_contact": "command", "resolve_request": "command",
                     "plan_remedy": "command", "get_remedy": "query",
                     "send_survey": "command", "answer_survey": "command",
                     "list_surveys": "query", "survey_results": "query",
                     "list_requests": "query",
                     "list_installations": "query", "complete_installation": "command",
                     "sign_off_installation": "command"}  # AFS-3
    assert common <= {m.name for m in API}
    assert API["open_request"].reply is ServiceRequestPublic
