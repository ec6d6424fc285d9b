"""A client that retries a POST with the same Idempotency-Key creates one order, not two
(the gateway keeps the first answer in the real Redis)."""

from __future__ import annotations

import uuid
from datetime import date, timedelta

from suite_harness import bearer


def _order(customer: str = "CUST-002") -> dict:
    return {"company_id": "P1", "customer_code": customer,
            "lines": [{"product_code": "GGD-400", "quantity": "1",
                       "requested_date": (date.today() + timedelta(days=75)).isoformat()}]}


def _orders_of(api, gateway, customer: str) -> list[str]:
    listed = api.get("/sales/orders", headers=bearer(gateway, "sales.p1")).json()
    return [order["order_no"] for order in listed if order["customer_code"] == customer]


def test_a_retried_order_with_the_same_key_is_created_once_and_replayed(api, gateway):
    before = _orders_of(api, gateway, "CUST-002")
    headers = {**bearer(gateway, "sales.p1"), "Idempotency-Key": str(uuid.uuid4())}
    first = api.post("/sales/orders", headers=headers, json=_order())
    again = api.post("/sales/orders", headers=headers, json=_order())
    assert first.status_code == again.status_code == 201
    assert again.json()["order_no"] == first.json()["order_no"]
    assert again.headers.get("Idempotent-Replayed") == "true"
    assert len(_orders_of(api, gateway, "CUST-002")) == len(before) + 1


def test_the_same_key_for_a_different_request_is_refused(api, gateway):
    headers = {**bearer(gateway, "sales.p1"), "Idempotency-Key": str(uuid.uuid4())}
    assert api.post("/sales/orders", headers=headers, json=_order()).status_code == 201
    other = api.post("/sales/orders", headers=headers, json=_order("CUST-003"))
    assert other.status_code == 422
    assert other.json()["error"]["type"]


def test_without_a_key_each_post_is_a_new_order(api, gateway):
    headers = bearer(gateway, "sales.p1")
    one = api.post("/sales/orders", headers=headers, json=_order()).json()["order_no"]
    two = api.post("/sales/orders", headers=headers, json=_order()).json()["order_no"]
    assert one != two
