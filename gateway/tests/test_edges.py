"""The gateway's edge: NUL characters refused, 405 says Allow, decimals documented honestly,
and a command without an Idempotency-Key is told the key it ran under (issues 8.1, 8.8)."""

from __future__ import annotations

import pytest

from gateway.core.edges import DECIMAL_PATTERN

pytestmark = pytest.mark.unit


def test_a_nul_character_in_a_body_is_refused_before_any_service_is_called(
        client, token_for, fake_rpc):
    response = client.post("/sales/orders", headers={**token_for("sales.p1"),
                                                     "content-type": "application/json"},
                           content=b'{"company_id": "P1\\u0000", "customer_code": "C", '
                                   b'"lines": []}')
    assert response.status_code == 422
    assert "NUL" in response.json()["error"]["message"]
    assert fake_rpc.calls == []


def test_a_nul_character_in_the_query_is_refused(client, token_for):
    response = client.get("/sales/orders?status=%00", headers=token_for("sales.p1"))
    assert response.status_code == 422


def test_a_wrong_method_answers_405_with_the_allowed_ones(client, token_for):
    response = client.request("OPTIONS", "/sales/orders", headers=token_for("sales.p1"))
    assert response.status_code == 405
    assert set(response.headers["allow"].split(", ")) >= {"GET", "POST"}


@pytest.mark.parametrize(("method", "path"), [
    ("GET", "/sales/orders/import"),  # not the order numbered "import"
    ("PATCH", "/masterdata/procurement/suppliers/import"),  # nor that supplier
    ("OPTIONS", "/sales/orders/import")])
def test_a_literal_path_answers_its_own_methods_not_a_parameter_routes(
        client, token_for, fake_rpc, method, path):
    response = client.request(method, path, headers=token_for("group.gm"))
    assert response.status_code == 405
    assert response.headers["allow"] == "POST"  # as the OpenAPI says of the path (issue 8.8)
    assert fake_rpc.calls == []


def test_decimals_and_text_are_documented_as_the_validators_accept_them(client):
    import re

    schema = client.get("/openapi.json").json()["components"]["schemas"]
    amount = schema["PaymentCreate"]["properties"]["amount"]
    assert amount["type"] == "string"
    assert re.match(amount["pattern"], "12.50") and not re.match(amount["pattern"], "")
    assert not re.match(amount["pattern"], "0")  # a payment is above 0
    reference = schema["PaymentCreate"]["properties"]["reference"]
    assert not re.match(reference["pattern"], "bank\x00")
    assert re.match(DECIMAL_PATTERN, "12.50") and not re.match(DECIMAL_PATTERN, "")


def test_a_command_sent_without_a_key_is_told_the_key_it_ran_under(client, token_for, fake_rpc):
    seen = []
    fake_rpc.handlers[("sales", "quote_order")] = lambda actor, no: seen.append(no) or {}
    response = client.post("/sales/orders/SO-P1-000001/quote", headers=token_for("sales.p1"))
    assert response.status_code == 502  # the fake's reply is no OrderPublic: a bug upstream
    assert len(response.headers["idempotency-key"]) == 32


@pytest.mark.parametrize(("kind", "status"), [
    ("InvalidRequest", 422), ("Conflict", 409), ("Forbidden", 403), ("NotFound", 404),
    ("InternalError", 500)])
def test_each_kind_of_refusal_from_a_service_keeps_its_status_and_words(
        client, token_for, fake_rpc, kind, status):
    from gateway.rpc.errors import RemoteError

    details = {"correlation_id": "abc123"} if kind == "InternalError" else {"why": kind}
    fake_rpc.handlers[("sales", "quote_order")] = RemoteError(
        kind, "the service says no", None, ["the service says no", details])
    response = client.post("/sales/orders/SO-P1-000001/quote", headers=token_for("sales.p1"))
    assert response.status_code == status
    assert response.json()["error"] == {"type": kind, "message": "the service says no",
                                        "details": details}
