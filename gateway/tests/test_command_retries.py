"""The gateway's side of exactly-once commands (issue 8.1): each command carries an id made
from the caller's Idempotency-Key, a lost connection is retried with the same id while the
caller's time allows, and only an outcome that stays unknown is a 503."""

from __future__ import annotations

import asyncio
from types import SimpleNamespace

import pytest

from gateway.api.deps import Services
from gateway.core.actor_signing import signed
from gateway.rpc.errors import ConnectionLost, OutcomeUnknown, ServiceUnavailable

pytestmark = pytest.mark.unit
ACTOR = {"username": "sales.p1", "roles": ["sales"], "companies": ["P1"]}
ORDER = {"order_no": "SO-P1-000001", "company_id": "P1", "customer_code": "CUST-001",
         "customer_grade": "A", "kind": "regular", "non_regular_reasons": [], "repeat_of": None,
         "rush": False, "complete_set": False, "status": "quoted",
         "received_at": "2030-01-01T00:00:00Z", "lines": []}


class FlakyRpc:
    """Fails the first `failures` calls with `error`, then answers ORDER; records contexts."""

    timeout = 2.0

    def __init__(self, failures: int, error: Exception):
        self.failures, self.error, self.contexts = failures, error, []

    async def call(self, service, method, args=(), kwargs=None, *, context=None, timeout=None):
        self.contexts.append(dict(context or {}))
        if len(self.contexts) <= self.failures:
            raise self.error
        return ORDER


def request(key: str | None = "key-1"):
    headers = {"idempotency-key": key} if key else {}
    return SimpleNamespace(headers=headers, state=SimpleNamespace(
        user=SimpleNamespace(username="sales.p1")))


def actor() -> dict:
    from contracts.rpc.common import Actor

    return signed(Actor.model_validate(ACTOR))


def test_a_command_retried_after_a_lost_connection_keeps_its_command_id():
    rpc = FlakyRpc(2, ConnectionLost("sales", "broker connection lost"))
    services = Services(rpc, request=request("key-1"))
    order = asyncio.run(services.sales.quote_order(actor(), "SO-P1-000001"))
    assert order.status == "quoted"
    ids = {context["command_id"] for context in rpc.contexts}
    assert len(rpc.contexts) == 3 and ids == {"sales.p1:key-1#1"}


def test_the_same_idempotency_key_gives_the_same_command_id_on_a_later_request():
    first, second = FlakyRpc(0, None), FlakyRpc(0, None)
    asyncio.run(Services(first, request=request("key-2")).sales.quote_order(actor(), "SO-1"))
    asyncio.run(Services(second, request=request("key-2")).sales.quote_order(actor(), "SO-1"))
    assert first.contexts[0]["command_id"] == second.contexts[0]["command_id"]


def test_without_a_key_each_request_gets_its_own_command_id():
    first, second = FlakyRpc(0, None), FlakyRpc(0, None)
    asyncio.run(Services(first, request=request(None)).sales.quote_order(actor(), "SO-1"))
    asyncio.run(Services(second, request=request(None)).sales.quote_order(actor(), "SO-1"))
    assert first.contexts[0]["command_id"] != second.contexts[0]["command_id"]


def test_a_query_carries_no_command_id():
    rpc = FlakyRpc(0, None)
    asyncio.run(Services(rpc, request=request()).sales.get_order(actor(), "SO-P1-000001"))
    assert "command_id" not in rpc.contexts[0]


def test_a_connection_that_stays_lost_is_an_unknown_outcome_not_a_plain_failure():
    rpc = FlakyRpc(1000, ConnectionLost("sales", "broker connection lost"))
    with pytest.raises(OutcomeUnknown, match="same Idempotency-Key"):
        asyncio.run(Services(rpc, request=request()).sales.quote_order(actor(), "SO-1",
                                                                      timeout=1.0))
    assert len(rpc.contexts) > 2


def test_an_absent_service_is_waited_for_only_within_the_retry_window():
    rpc = FlakyRpc(1000, ServiceUnavailable("sales", "no queue bound"))
    services = Services(rpc, request=request(), retry_window_s=0.5)
    with pytest.raises(ServiceUnavailable) as raised:
        asyncio.run(services.sales.get_order(actor(), "SO-1", timeout=5.0))
    assert not isinstance(raised.value, OutcomeUnknown)
    assert 2 <= len(rpc.contexts) <= 6


def test_a_typo_in_a_method_name_fails_before_anything_is_sent():
    rpc = FlakyRpc(0, None)
    with pytest.raises(AttributeError, match="recieve_order"):
        Services(rpc, request=request()).sales.recieve_order  # noqa: B018
    with pytest.raises(TypeError, match="OrderCreate"):
        asyncio.run(Services(rpc, request=request()).sales.receive_order(actor(), {"x": 1}))
    assert rpc.contexts == []
