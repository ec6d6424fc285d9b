"""Competing consumers (issue 16): two processes of every service on the same queues,
on PostgreSQL, carry whole journeys through the gateway with no effect twice — each
RPC queue has both instances consuming, and every order, payment and shipment is
recorded once (the figures come from each service's own database)."""

from __future__ import annotations

import time
import uuid

import psycopg2
import pytest
import requests

from servicekit.testing import _pg_admin

from simulate import run
from suite import SERVICES
from suite_harness import running_suite

JOURNEYS = 4


@pytest.fixture
def databases(postgres_admin_url):
    """A fresh PostgreSQL database per service, dropped afterwards."""
    names = {service: f"ordersuite_cc_{service}_{uuid.uuid4().hex[:8]}" for service in SERVICES}
    for name in names.values():
        _pg_admin(postgres_admin_url, f'CREATE DATABASE "{name}"')
    base = postgres_admin_url.rsplit("/", 1)[0]
    yield {service: f"{base}/{name}" for service, name in names.items()}
    for name in names.values():
        _pg_admin(postgres_admin_url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _rows(url: str, sql: str) -> list[tuple]:
    with psycopg2.connect(url) as conn, conn.cursor() as cursor:
        cursor.execute(sql)
        return cursor.fetchall()


def _consumers(rabbit_api: str, vhost: str, queue: str) -> int:
    response = requests.get(f"{rabbit_api}/api/queues/{vhost}/{queue}", timeout=10)
    return response.json().get("consumers", 0)


def test_two_instances_of_every_service_carry_journeys_with_no_effect_twice(
        rabbit_api, databases, tmp_path):
    env = {f"{service.upper()}_DATABASE_URL": url for service, url in databases.items()}
    with running_suite(rabbit_api, tmp_path / "var", timeout=240, SERVICE_INSTANCES="2",
                       DEADLINE_SWEEP_INTERVAL_S="2", LOG_LEVEL="WARNING", **env) as suite:
        # The suite is ready when one instance of each answers; the second of a service
        # may still be starting (twelve processes on two cores), so wait for it to consume.
        deadline = time.monotonic() + 90
        while True:
            consumers = [_consumers(rabbit_api, suite.vhost, f"rpc-{service}")
                         for service in SERVICES]
            if consumers == [2] * len(SERVICES) or time.monotonic() > deadline:
                break
            time.sleep(1)
        assert consumers == [2] * len(SERVICES)
        summary = run(suite.url, JOURNEYS, reject_odds=0.5, concurrency=JOURNEYS, seed=16)
    assert summary["failed"] == [], summary["failed"][:3]
    assert summary["completed"] == JOURNEYS
    sales, logistics = databases["sales"], databases["logistics"]
    assert _rows(sales, "SELECT COUNT(*) FROM sales_order") == [(JOURNEYS,)]
    assert _rows(sales, "SELECT order_no FROM sales_payment GROUP BY order_no "
                        "HAVING COUNT(*) != 2") == []  # deposit + balance, once each
    assert _rows(logistics, "SELECT order_no FROM logistics_shipment GROUP BY order_no "
                            "HAVING COUNT(*) != 1") == []  # one shipment per order
    for service, url in databases.items():
        assert _rows(url, "SELECT COUNT(*) FROM outbox WHERE published_at IS NULL") == [
            (0,)], f"{service} left events unpublished"
