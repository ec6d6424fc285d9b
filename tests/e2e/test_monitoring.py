"""The operations dashboards and alerts on a real Prometheus and Alertmanager (X-1, X-2).

A suite of its own runs with its Prometheus (scraping the gateway and the six services
every second, the alert rules of infra/prometheus/alerts.yml loaded) and Alertmanager.
One order travels the whole journey, a second stops once it is effective, with its SAL-7
limit (production instruction within 4 working hours) open; the sales sweep runs 30 days
ahead (a test-only setting), so that limit breaches in the running suite. Then every
panel of every dashboard must return series from the real scraped metrics, and the
breach must make TimeLimitBreached fire in Prometheus and arrive at Alertmanager.
"""

from __future__ import annotations

import json
import time

import httpx
import pytest

from contracts.catalog import SERVICES

import dashboards
import monitoring
from simulate import Gateway, Journey, OrderPlan, Stats
from suite import under_ci
from suite_harness import running_suite

AHEAD_S = str(30 * 24 * 3600)


@pytest.fixture(scope="module")
def watched_suite(rabbit_api, tmp_path_factory):
    absent = monitoring.missing_monitoring()
    if absent:
        message = f"not installed: {' '.join(absent)} (apt-get install, or `make infra`)"
        if under_ci():
            pytest.fail(message + " (CI: a missing tool fails)")
        pytest.skip(message)
    with running_suite(rabbit_api, tmp_path_factory.mktemp("var"), monitoring=True,
                       LOG_LEVEL="WARNING", BUSINESS_METRICS_INTERVAL_S="1",
                       DEADLINE_SWEEP_INTERVAL_S="1", SALES_DEADLINE_SWEEP_AHEAD_S=AHEAD_S,
                       JWT_SECRET="e2e-test-secret-not-for-production") as running:
        yield running


@pytest.fixture(scope="module")
def orders(watched_suite):
    """A delivered order, and one left effective with SAL-7 open (then breached)."""
    gateway = Gateway(watched_suite.url, Stats())
    plan = dict(company="P1", customer="CUST-001", product="GGD-400", quantity=2,
                reject_first_lot=True, try_shipping_before_payment=True, service_request=True)
    delivered = Journey(gateway, OrderPlan(**plan))
    delivered.run()
    waiting = Journey(gateway, OrderPlan(**plan))
    order = waiting.intake()
    waiting.review()
    waiting.contract_and_pay_deposit(order)
    yield {"delivered": delivered.order_no, "waiting": waiting.order_no, "gateway": gateway}
    gateway.client.close()


def _query(prometheus: str, expr: str) -> list[dict]:
    response = httpx.get(f"{prometheus}/api/v1/query", params={"query": expr}, timeout=10)
    body = response.json()
    assert response.status_code == 200 and body["status"] == "success", (expr, body)
    return body["data"]["result"]


def _eventually(fetch, what: str, timeout: float = 60.0):
    deadline = time.monotonic() + timeout
    while True:
        value = fetch()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.5)


def test_prometheus_scrapes_the_gateway_and_all_six_services(watched_suite):
    prometheus = watched_suite.monitoring.prometheus_url

    expected = {("gateway", None): "1", **{("services", name): "1" for name in SERVICES}}
    seen: list[dict] = []

    def up_targets():
        # a scrape may miss while the suite warms up (1 s interval, so a 1 s timeout):
        # each target must be up within the minute
        found = {(s["metric"]["job"], s["metric"].get("department")): s["value"][1]
                 for s in _query(prometheus, "up")}
        seen[:] = [found]
        return found == expected

    try:
        _eventually(up_targets, "every target scraped and up")
    except AssertionError:
        targets = httpx.get(f"{prometheus}/api/v1/targets", timeout=10).json()
        errors = {t["scrapeUrl"]: t["lastError"] for t in targets["data"]["activeTargets"]}
        raise AssertionError(f"up: {seen}; last scrape errors: {errors}") from None
    rules = httpx.get(f"{prometheus}/api/v1/rules", timeout=10).json()["data"]["groups"]
    loaded = {rule["name"] for group in rules for rule in group["rules"]}
    assert {"TimeLimitBreached", "ServiceDown", "RpcErrorRateHigh", "RpcSlow",
            "OutboxBacklogGrowing", "DeadLettersArriving"} <= loaded


def test_a_breached_limit_fires_time_limit_breached_and_reaches_alertmanager(
        watched_suite, orders):
    """X-1/X-2: the SAL-7 limit of the waiting order breaches; the alert is firing in
    Prometheus and is listed by the Alertmanager, labelled with rule and rung."""
    prometheus = watched_suite.monitoring.prometheus_url

    def firing():
        alerts = httpx.get(f"{prometheus}/api/v1/alerts", timeout=10).json()["data"]["alerts"]
        return [a for a in alerts if a["labels"]["alertname"] == "TimeLimitBreached"
                and a["labels"]["rule_id"] == "SAL-7" and a["state"] == "firing"]

    [alert] = _eventually(firing, "TimeLimitBreached firing in Prometheus")
    assert alert["labels"]["service"] == "sales"
    assert alert["labels"]["escalated_to"] == "department_leader"

    alertmanager = watched_suite.monitoring.alertmanager_url

    def arrived():
        listed = httpx.get(f"{alertmanager}/api/v2/alerts", timeout=10).json()
        return [a for a in listed if a["labels"].get("alertname") == "TimeLimitBreached"
                and a["labels"].get("rule_id") == "SAL-7"]

    [received] = _eventually(arrived, "TimeLimitBreached at the Alertmanager")
    assert received["status"]["state"] == "active"
    assert "SAL-7 breached" in received["annotations"]["summary"]


def test_every_dashboard_panel_returns_series_from_the_running_suite(watched_suite, orders):
    """A renamed or never-set metric leaves a panel empty, which fails here."""
    prometheus = watched_suite.monitoring.prometheus_url
    # the breach of the waiting order is scraped (the time-limit panels show it)
    _eventually(lambda: _query(prometheus, 'ALERTS{alertstate="firing"}'), "an alert firing")

    def empty_panels() -> list[str]:
        return [f"{name}: {item['title']}: {target['expr']}"
                for name, board in dashboards.dashboards().items()
                for item in board["panels"] for target in item["targets"]
                if not _query(prometheus, target["expr"])]

    # business gauges are read from the tables every BUSINESS_METRICS_INTERVAL_S (15 s)
    # and scraped after: the delivery's figures may arrive a read and a scrape later
    deadline = time.monotonic() + 45
    while (empty := empty_panels()) and time.monotonic() < deadline:
        time.sleep(2)
    assert not empty, "panels without series:\n" + "\n".join(empty)


def test_business_figures_are_the_services_own_numbers(watched_suite, orders):
    """Orders by state come from the sales table: the delivered one and the effective one."""
    prometheus = watched_suite.monitoring.prometheus_url

    def figures():
        result = _query(prometheus, 'ordersuite_records{service="sales",kind="order",'
                                    'company_id="P1"}')
        states = {s["metric"]["state"]: float(s["value"][1]) for s in result}
        return states if states.get("delivered") and states.get("effective") else None

    states = _eventually(figures, "orders by state scraped")
    assert states["delivered"] == 1 and states["effective"] == 1, json.dumps(states)
    lots = {s["metric"]["state"]: float(s["value"][1]) for s in _query(
        prometheus, 'ordersuite_records{service="quality",kind="lot",company_id="P1"}')}
    assert lots.get("rejected") == 1 and lots.get("accepted", 0) >= 1, lots
