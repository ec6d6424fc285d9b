"""Through the gateway: an order recorded by sales reaches planning, traced end to end."""

from __future__ import annotations

import time
from datetime import date, timedelta

ORDER = {
    "company_id": "P1",
    "customer_code": "CUST-001",
    "customer_grade": "A",
    "lines": [{"product_code": "KYN28-12", "spec": "1250A", "quantity": "2",
               "requested_date": (date.today() + timedelta(days=40)).isoformat()}],
}


def eventually(fetch, timeout: float = 15.0):
    deadline = time.monotonic() + timeout
    while True:
        result = fetch()
        if result is not None:
            return result
        if time.monotonic() > deadline:
            raise AssertionError(f"nothing after {timeout}s")
        time.sleep(0.1)


def ancestors(span, spans) -> list[str]:
    by_id = {s.span_id: s for s in spans}
    chain = []
    while span.parent_id in by_id:
        span = by_id[span.parent_id]
        chain.append(span.span_id)
    return chain


def test_health_reports_all_six_services_ready(api):
    response = api.get("/health")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ready"
    assert sorted(body["services"]) == sorted(
        ["sales", "planning", "procurement", "quality", "logistics", "aftersales"])
    assert all(s["database"] == "ok" for s in body["services"].values())


def test_an_order_posted_to_sales_is_recorded_by_planning(api):
    created = api.post("/sales/orders", json=ORDER)
    assert created.status_code == 201, created.text
    order_no = created.json()["order_no"]
    assert api.get(f"/sales/orders/{order_no}").json()["customer_code"] == "CUST-001"

    def demand():
        response = api.get(f"/planning/demands/{order_no}")
        return response.json() if response.status_code == 200 else None

    assert eventually(demand)["lines"][0]["product_code"] == "KYN28-12"


def test_an_invalid_order_is_refused_with_422_naming_each_bad_field(api):
    response = api.post("/sales/orders", json={**ORDER, "customer_grade": "Z", "lines": []})
    assert response.status_code == 422
    error = response.json()["error"]
    assert error["type"] == "InvalidRequest"
    fields = {tuple(e["loc"][-1:]) for e in error["details"]["errors"]}
    assert fields == {("customer_grade",), ("lines",)}


def test_a_business_refusal_from_a_service_keeps_its_status_and_message(api):
    past = {**ORDER, "lines": [{**ORDER["lines"][0], "requested_date": "2020-01-01"}]}
    response = api.post("/sales/orders", json=past)
    assert response.status_code == 422
    assert "in the past" in response.json()["error"]["message"]


def test_an_unknown_order_is_a_404_with_a_clear_message(api):
    response = api.get("/sales/orders/SO-P1-999999")
    assert response.status_code == 404
    assert response.json()["error"] == {"type": "NotFound",
                                        "message": "order SO-P1-999999 not found", "details": {}}


def test_one_trace_covers_gateway_rpc_event_and_handler(api, collector):
    created = api.post("/sales/orders", json=ORDER)
    trace_id = created.headers["traceparent"].split("-")[1]
    order_no = created.json()["order_no"]
    wanted = {("gateway", "POST /sales/orders"), ("sales", "sales.receive_order"),
              ("sales", "publish sales.order_received"),
              ("planning", "planning.on_order_received")}

    def spans():
        found = {(s.service, s.name): s for s in collector.trace(trace_id)}
        return found if wanted <= set(found) else None

    found = eventually(spans, timeout=20)
    gateway, rpc, publish, handler = (found[key] for key in (
        ("gateway", "POST /sales/orders"), ("sales", "sales.receive_order"),
        ("sales", "publish sales.order_received"), ("planning", "planning.on_order_received")))
    # FastAPI adds its own spans (dependencies, endpoint) between the request and the call
    assert gateway.span_id in ancestors(rpc, collector.trace(trace_id))
    assert publish.parent_id == rpc.span_id
    assert handler.parent_id == publish.span_id
    assert handler.attributes["ordersuite.order_no"] == order_no


def test_openapi_documents_every_route_with_a_summary(api):
    spec = api.get("/openapi.json").json()
    for path, operations in spec["paths"].items():
        for method, operation in operations.items():
            assert operation.get("description") or operation.get("summary"), (method, path)
