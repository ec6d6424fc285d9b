"""Through the gateway: sign-in, and who may do what to whose orders (roles and companies)."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

pytestmark = pytest.mark.e2e
PASSWORD = "demo"  # every demo user's password (demo/group.json, users.password)


def order_for(company: str) -> dict:
    customer, product = {"P1": ("CUST-001", "KYN28-12"), "P2": ("CUST-101", "SC-500")}[company]
    return {"company_id": company, "customer_code": customer,
            "lines": [{"product_code": product, "quantity": "2",
                       "requested_date": (date.today() + timedelta(days=60)).isoformat()}]}


@pytest.fixture(scope="module")
def tokens(suite):
    import httpx

    issued: dict[str, dict] = {}

    def auth(username: str) -> dict:
        if username not in issued:
            response = httpx.post(f"{suite.url}/auth/token", timeout=30,
                                  data={"username": username, "password": PASSWORD})
            assert response.status_code == 200, response.text
            issued[username] = {"Authorization": f"Bearer {response.json()['access_token']}"}
        return issued[username]

    return auth


@pytest.fixture(scope="module")
def p1_order(suite, tokens) -> dict:
    import httpx

    response = httpx.post(f"{suite.url}/sales/orders", json=order_for("P1"),
                          headers=tokens("sales.p1"), timeout=30)
    assert response.status_code == 201, response.text
    return response.json()


def test_sales_p1_gets_a_bearer_token_and_sees_who_they_are(api):
    response = api.post("/auth/token", data={"username": "sales.p1", "password": PASSWORD})
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["token_type"] == "bearer" and body["expires_in"] > 0
    me = api.get("/auth/me", headers={"Authorization": f"Bearer {body['access_token']}"})
    assert me.status_code == 200
    assert me.json()["username"] == "sales.p1" and me.json()["companies"] == ["P1"]
    assert "password" not in me.text and "password_hash" not in me.text


def test_a_wrong_password_gets_no_token(api):
    response = api.post("/auth/token", data={"username": "sales.p1", "password": "not it"})
    assert response.status_code == 401
    assert response.json()["error"]["type"] == "Unauthorized"


@pytest.mark.parametrize(("method", "path"), [
    ("GET", "/sales/orders"), ("POST", "/sales/orders"), ("GET", "/auth/me"),
    ("GET", "/orders/SO-P1-000001/journey"), ("GET", "/quality/lots"),
])
def test_without_a_token_every_business_route_is_401(api, method, path):
    response = api.request(method, path, json=order_for("P1") if method == "POST" else None)
    assert response.status_code == 401
    assert response.headers["www-authenticate"] == "Bearer"
    assert set(response.json()["error"]) == {"type", "message", "details"}


def test_a_forged_token_is_401(api):
    response = api.get("/sales/orders", headers={"Authorization": "Bearer eyJhbGciOiJub25lIn0."
                                                 "eyJzdWIiOiJncm91cC5nbSJ9."})
    assert response.status_code == 401


def test_a_planner_may_not_record_an_order(api, tokens):
    response = api.post("/sales/orders", json=order_for("P1"), headers=tokens("planner.p1"))
    assert response.status_code == 403
    assert response.json()["error"]["type"] == "Forbidden"


def test_sales_p1_may_not_record_an_order_for_p2(api, tokens):
    response = api.post("/sales/orders", json=order_for("P2"), headers=tokens("sales.p1"))
    assert response.status_code == 403
    assert response.json()["error"]["details"] == {"company_id": "P2"}


def test_sales_p1_records_and_reads_its_own_order(api, tokens, p1_order):
    assert p1_order["company_id"] == "P1"
    response = api.get(f"/sales/orders/{p1_order['order_no']}", headers=tokens("sales.p1"))
    assert response.status_code == 200, response.text
    listed = api.get("/sales/orders", headers=tokens("sales.p1")).json()
    assert p1_order["order_no"] in {order["order_no"] for order in listed}


def test_sales_p2_cannot_see_a_p1_order(api, tokens, p1_order):
    order_no = p1_order["order_no"]
    response = api.get(f"/sales/orders/{order_no}", headers=tokens("sales.p2"))
    assert response.status_code == 404
    assert response.json()["error"]["type"] == "NotFound"
    listed = api.get("/sales/orders", headers=tokens("sales.p2")).json()
    assert order_no not in {order["order_no"] for order in listed}
    journey = api.get(f"/orders/{order_no}/journey", headers=tokens("sales.p2"))
    assert journey.status_code == 404


def test_only_a_general_manager_may_decline(api, tokens, p1_order):
    response = api.post(f"/sales/orders/{p1_order['order_no']}/decline",
                        json={"reason": "no capacity this quarter"}, headers=tokens("sales.p1"))
    assert response.status_code == 403


def test_the_journey_of_an_order_shows_sales_first(api, tokens, p1_order):
    response = api.get(f"/orders/{p1_order['order_no']}/journey", headers=tokens("gm.p1"))
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["order_no"] == p1_order["order_no"]
    assert body["status"]
    assert body["unavailable"] == [], body["unavailable"]
    assert body["stages"] and body["stages"][0]["department"] == "sales"
    starts = [datetime.fromisoformat(stage["started_at"]) for stage in body["stages"]]
    assert starts == sorted(starts)


def test_sales_pages_through_its_orders_by_the_last_order_number_seen(api, tokens, p1_order):
    """Issue 16: keyset pages — each page starts after the last order of the one before."""
    for _ in range(2):
        assert api.post("/sales/orders", json=order_for("P1"),
                        headers=tokens("sales.p1")).status_code == 201
    everything = [o["order_no"] for o in api.get("/sales/orders", params={"limit": 1000},
                                                 headers=tokens("sales.p1")).json()]
    walked, after = [], None
    while True:
        params = {"limit": 2, **({"after": after} if after else {})}
        page = api.get("/sales/orders", params=params, headers=tokens("sales.p1")).json()
        if not page:
            break
        walked += [order["order_no"] for order in page]
        after = page[-1]["order_no"]
    assert len(everything) >= 3 and walked == everything
    refused = api.get("/sales/orders", params={"after": ""}, headers=tokens("sales.p1"))
    assert refused.status_code == 422
