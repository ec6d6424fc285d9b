"""The gateway's read cache (issue 16) in the running suite: an order and its journey are
answered again from Redis until a command or an event on the order makes them old; a
person reads only their own answers; a refusal is never kept."""

from __future__ import annotations

import time

from simulate import Journey, OrderPlan
from suite_harness import bearer


def new_order(gateway) -> Journey:
    journey = Journey(gateway, OrderPlan(company="P1", customer="CUST-001", product="GGD-400",
                                         quantity=1, reject_first_lot=False))
    journey.intake()
    return journey


def kept(api, url: str, headers: dict, timeout: float = 20.0):
    """The answer once the cache gives it: the departments' events on a new order make
    each read old until they have all been heard."""
    deadline = time.monotonic() + timeout
    while True:
        response = api.get(url, headers=headers)
        assert response.status_code == 200
        if response.headers["x-cache"] == "hit" or time.monotonic() > deadline:
            return response
        time.sleep(0.1)


def test_an_order_read_twice_is_answered_from_the_cache_until_a_command_changes_it(api, gateway):
    journey = new_order(gateway)
    url, sales = f"/sales/orders/{journey.order_no}", bearer(gateway, "sales.p1")
    first = api.get(url, headers=sales)
    assert first.headers["x-cache"] == "miss"
    again = kept(api, url, sales)
    assert again.headers["x-cache"] == "hit"
    assert again.json()["order_no"] == journey.order_no and again.json()["review"] is None

    journey.review()  # a command through the gateway: what was kept is old at once

    after = api.get(url, headers=sales)
    assert after.headers["x-cache"] == "miss"
    assert after.json()["review"] is not None
    assert after.json()["status"] != again.json()["status"]


def test_a_journey_is_kept_per_person_and_no_cache_asks_the_services_again(api, gateway):
    journey = new_order(gateway)
    url = f"/orders/{journey.order_no}/journey"
    sales, gm = bearer(gateway, "sales.p1"), bearer(gateway, "gm.p1")
    assert api.get(url, headers=sales).headers["x-cache"] == "miss"
    assert kept(api, url, sales).headers["x-cache"] == "hit"
    assert api.get(url, headers=gm).headers["x-cache"] == "miss"  # another person's read
    refreshed = api.get(url, headers={**sales, "Cache-Control": "no-cache"})
    assert refreshed.headers["x-cache"] == "miss"
    assert refreshed.json()["order_no"] == journey.order_no


def test_another_companys_order_stays_refused_and_is_never_kept(api, gateway):
    journey = new_order(gateway)
    other = bearer(gateway, "sales.p2")
    for _ in range(2):
        response = api.get(f"/sales/orders/{journey.order_no}", headers=other)
        assert response.status_code == 404
        assert "x-cache" not in response.headers
