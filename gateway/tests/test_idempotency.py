"""Idempotency-Key on POST: a retried creation is replayed, not repeated (no Redis: in-memory)."""

from __future__ import annotations

import asyncio
import json

import pytest
from fastapi.testclient import TestClient

from gateway.core.config import Settings
from gateway.core.idempotency import MemoryStore, request_fingerprint, storage_key
from gateway.main import create_app

pytestmark = pytest.mark.unit
REQUEST = {"order_no": "SO-P1-000001", "kind": "repair", "description": "breaker trips"}


def reply(request: dict, number: int) -> dict:
    return {"request_no": f"SR-{number}", "order_no": request["order_no"], "company_id": "P1",
            "customer_code": "CUST-001", "kind": request["kind"],
            "description": request["description"], "status": "recorded",
            "recorded_at": "2030-01-01T00:00:00Z", "recorded_by": "sales.p1"}


@pytest.fixture
def app_client(user_store, fake_rpc):
    settings = Settings(JWT_SECRET="unit-test-secret-unit-test-secret-0123",
                        IDEMPOTENCY_ENABLED=True)
    app = create_app(settings)
    app.state.users = user_store
    app.state.rpc = fake_rpc
    app.state.idempotency_store = MemoryStore()
    created = []

    def open_request(actor, request):
        created.append(request)
        return reply(request, len(created))

    fake_rpc.handlers[("aftersales", "open_request")] = open_request
    client = TestClient(app)
    client.created = created
    client.store = app.state.idempotency_store
    return client


@pytest.fixture
def auth(app_client):
    token = app_client.post("/auth/token", data={"username": "sales.p1", "password": "demo"})
    return {"Authorization": f"Bearer {token.json()['access_token']}"}


def test_a_repeat_with_the_same_key_is_replayed_not_repeated(app_client, auth):
    headers = {**auth, "Idempotency-Key": "k-1"}
    first = app_client.post("/aftersales/service-requests", json=REQUEST, headers=headers)
    again = app_client.post("/aftersales/service-requests", json=REQUEST, headers=headers)
    assert first.status_code == again.status_code == 201
    assert again.json() == first.json()
    assert again.headers["idempotent-replayed"] == "true"
    assert "idempotent-replayed" not in first.headers
    assert len(app_client.created) == 1


def test_without_a_key_or_with_another_key_each_post_acts(app_client, auth):
    app_client.post("/aftersales/service-requests", json=REQUEST, headers=auth)
    app_client.post("/aftersales/service-requests", json=REQUEST, headers=auth)
    app_client.post("/aftersales/service-requests", json=REQUEST,
                    headers={**auth, "Idempotency-Key": "a"})
    app_client.post("/aftersales/service-requests", json=REQUEST,
                    headers={**auth, "Idempotency-Key": "b"})
    assert len(app_client.created) == 4


def test_the_same_key_for_a_different_request_is_422(app_client, auth):
    headers = {**auth, "Idempotency-Key": "k-2"}
    app_client.post("/aftersales/service-requests", json=REQUEST, headers=headers)
    other = app_client.post("/aftersales/service-requests",
                            json={**REQUEST, "description": "something else"}, headers=headers)
    assert other.status_code == 422
    assert "different request" in other.json()["error"]["message"]


def test_a_key_in_progress_is_409(app_client, auth):
    body = json.dumps(REQUEST).encode()
    path = "/aftersales/service-requests"
    asyncio.run(app_client.store.set(storage_key("sales.p1", "k-3"), json.dumps({
        "state": "in_progress", "fingerprint": request_fingerprint("POST", path, b"", body)}),
        ex=60))
    response = app_client.post(path, content=body, headers={
        **auth, "Idempotency-Key": "k-3", "Content-Type": "application/json"})
    assert response.status_code == 409
    assert response.headers["retry-after"] == "1"
    assert app_client.created == []


def test_a_failed_request_frees_its_key(app_client, auth, fake_rpc):
    from gateway.rpc.errors import RemoteError

    handler = fake_rpc.handlers[("aftersales", "open_request")]
    fake_rpc.handlers[("aftersales", "open_request")] = RemoteError(
        "Conflict", "not delivered", None, ["not delivered", {}])
    headers = {**auth, "Idempotency-Key": "k-4"}
    refused = app_client.post("/aftersales/service-requests", json=REQUEST, headers=headers)
    assert refused.status_code == 409
    fake_rpc.handlers[("aftersales", "open_request")] = handler
    accepted = app_client.post("/aftersales/service-requests", json=REQUEST, headers=headers)
    assert accepted.status_code == 201 and "idempotent-replayed" not in accepted.headers


def test_keys_are_per_user(app_client, auth, user_store):
    headers = {**auth, "Idempotency-Key": "shared"}
    app_client.post("/aftersales/service-requests", json=REQUEST, headers=headers)
    token = app_client.post("/auth/token", data={"username": "group.gm", "password": "demo"})
    other = {"Authorization": f"Bearer {token.json()['access_token']}",
             "Idempotency-Key": "shared"}
    response = app_client.post("/aftersales/service-requests", json=REQUEST, headers=other)
    assert response.status_code == 201 and "idempotent-replayed" not in response.headers
    assert len(app_client.created) == 2


def test_an_unauthenticated_keyed_post_is_still_401(app_client):
    response = app_client.post("/aftersales/service-requests", json=REQUEST,
                               headers={"Idempotency-Key": "k-5"})
    assert response.status_code == 401
    assert app_client.store.data == {}


def test_the_store_down_is_503_for_keyed_posts_only(app_client, auth):
    class Down(MemoryStore):
        async def set(self, *args, **kwargs):
            raise ConnectionError("redis is down")

    app_client.app.state.idempotency_store = Down()
    keyed = app_client.post("/aftersales/service-requests", json=REQUEST,
                            headers={**auth, "Idempotency-Key": "k-6"})
    assert keyed.status_code == 503
    plain = app_client.post("/aftersales/service-requests", json=REQUEST, headers=auth)
    assert plain.status_code == 201
