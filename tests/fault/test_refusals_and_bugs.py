"""Refusals keep their status through the gateway; a bug is a 500 with a trail; a forged
actor is refused by the service itself (issues 7.2 and 8.9)."""

from __future__ import annotations

import asyncio
import json
import time

import pytest

from gateway.rpc import RemoteError, RpcClient

from chaos import BUG_METHOD


def headers(gateway, username: str) -> dict:
    return {"Authorization": f"Bearer {gateway.token(username)}"}


def test_each_kind_of_refusal_answers_its_status(api, gateway):
    clerk = headers(gateway, "sales.p1")
    unknown_customer = api.post("/sales/orders", headers=clerk, json={
        "company_id": "P1", "customer_code": "CUST-404",
        "lines": [{"product_code": "KYN28-12", "quantity": "1",
                   "requested_date": "2027-09-01"}]})
    assert unknown_customer.status_code == 422
    assert unknown_customer.json()["error"]["type"] == "InvalidRequest"
    assert "CUST-404" in unknown_customer.json()["error"]["message"]

    order = api.post("/sales/orders", headers=clerk, json={
        "company_id": "P1", "customer_code": "CUST-001",
        "lines": [{"product_code": "KYN28-12", "quantity": "1",
                   "requested_date": "2027-09-01"}]}).json()
    early = api.post(f"/sales/orders/{order['order_no']}/contract", headers=clerk, json={})
    assert early.status_code == 409 and early.json()["error"]["type"] == "Conflict"

    missing = api.get("/sales/orders/SO-P1-999999", headers=clerk)
    assert missing.status_code == 404 and missing.json()["error"]["type"] == "NotFound"

    other_company = api.get(f"/sales/orders/{order['order_no']}",
                            headers=headers(gateway, "sales.p2"))
    assert other_company.status_code == 404  # another company's order does not exist for you


def test_an_undeclared_error_is_a_500_whose_correlation_id_names_the_logged_traceback(
        api, gateway, fault_suite):
    response = api.get("/sales/customers", headers=headers(gateway, "sales.p1"))
    assert response.status_code == 500
    error = response.json()["error"]
    assert error["type"] == "InternalError"
    correlation_id = error["details"]["correlation_id"]
    assert correlation_id in error["message"]

    log = fault_suite.log_dir / "sales.log"
    deadline = time.monotonic() + 10
    while True:
        records = [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()
                   if correlation_id in line and line.startswith("{")]
        if records or time.monotonic() > deadline:
            break
        time.sleep(0.2)
    assert records, f"no log line carries correlation id {correlation_id}"
    [record] = [r for r in records if r["level"] == "ERROR"]  # one ERROR line: the bug
    assert record["correlation_id"] == correlation_id
    assert BUG_METHOD in record["msg"]
    assert record["exc"].startswith("Traceback") and "injected fault" in record["exc"]


@pytest.mark.parametrize("forgery", ["unsigned", "forged", "expired", "escalated"])
def test_a_service_refuses_an_actor_the_gateway_did_not_sign(fault_suite, forgery):
    actor = {"username": "intruder", "roles": ["sales"], "companies": ["P1"]}
    now = int(time.time())
    if forgery == "forged":
        actor |= {"expires": now + 300, "signature": "0" * 64}
    elif forgery == "expired":
        actor |= {"expires": now - 1, "signature": "0" * 64}
    elif forgery == "escalated":  # a real signature, replayed with more power
        actor = _signed_like_the_gateway(actor) | {"companies": None}

    async def call():
        async with RpcClient(fault_suite.env["AMQP_URI"], timeout=10) as client:
            return await client.call("sales", "list_orders", [actor, None, 10])

    with pytest.raises(RemoteError) as refused:
        asyncio.run(call())
    assert refused.value.exc_type == "Forbidden"


def _signed_like_the_gateway(actor: dict) -> dict:
    from contracts.rpc.common import Actor
    from gateway.core.actor_signing import signed

    return signed(Actor.model_validate(actor), key=b"fault-suite-actor-key-not-for-production")
