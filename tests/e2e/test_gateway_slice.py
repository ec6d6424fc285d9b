"""Through the gateway: health, validation, errors and API docs of the running suite."""

from __future__ import annotations

from datetime import date, timedelta

from contracts.catalog import SERVICES

from suite_harness import bearer

ORDER = {
    "company_id": "P1",
    "customer_code": "CUST-001",
    "lines": [{"product_code": "KYN28-12", "spec": "1250A", "quantity": "2",
               "requested_date": (date.today() + timedelta(days=60)).isoformat()}],
}


def test_health_reports_all_six_services_ready(api):
    response = api.get("/health")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ready"
    assert sorted(body["services"]) == sorted(SERVICES)
    assert all(s["database"] == "ok" for s in body["services"].values())


def test_an_invalid_order_is_refused_with_422_naming_each_bad_field(api, gateway):
    response = api.post("/sales/orders", headers=bearer(gateway, "sales.p1"),
                        json={**ORDER, "customer_code": "", "lines": []})
    assert response.status_code == 422
    error = response.json()["error"]
    assert error["type"] == "InvalidRequest"
    fields = {e["loc"][-1] for e in error["details"]["errors"]}
    assert fields == {"customer_code", "lines"}


def test_a_business_refusal_from_a_service_keeps_its_status_and_message(api, gateway):
    past = {**ORDER, "lines": [{**ORDER["lines"][0], "requested_date": "2020-01-01"}]}
    response = api.post("/sales/orders", headers=bearer(gateway, "sales.p1"), json=past)
    assert response.status_code == 422
    assert "past" in response.json()["error"]["message"]


def test_an_unknown_order_is_a_404_with_a_clear_message(api, gateway):
    response = api.get("/sales/orders/SO-P1-999999", headers=bearer(gateway, "sales.p1"))
    assert response.status_code == 404
    assert response.json()["error"]["type"] == "NotFound"
    assert "SO-P1-999999" in response.json()["error"]["message"]


def test_openapi_documents_every_route_with_a_summary(api):
    spec = api.get("/openapi.json").json()
    for path, operations in spec["paths"].items():
        for method, operation in operations.items():
            assert operation.get("description") or operation.get("summary"), (method, path)
