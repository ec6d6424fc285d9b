"""A breached time limit reaches the right person (X-1, X-2), through the gateway.

A suite of its own: the sales sweep runs 30 days ahead and climbs a rung every 4 s
(test-only settings), so the SAL-7 limit of an order left effective (production
instruction within 4 working hours) breaches in the running suite and, unacknowledged,
climbs to the general manager. The sales leader of P1 holds an event stream open all
along.
"""

from __future__ import annotations

import json
import threading
import time
from datetime import datetime

import httpx
import pytest

from simulate import Gateway, Journey, OrderPlan, Stats
from suite_harness import bearer, running_suite

STEP_S = 4


@pytest.fixture(scope="module")
def escalating_suite(rabbit_api, tmp_path_factory):
    with running_suite(rabbit_api, tmp_path_factory.mktemp("var"), LOG_LEVEL="WARNING",
                       DEADLINE_SWEEP_INTERVAL_S="0.5",
                       SALES_DEADLINE_SWEEP_AHEAD_S=str(30 * 24 * 3600),
                       SALES_DEADLINE_ESCALATION_STEP_S=str(STEP_S),
                       JWT_SECRET="e2e-test-secret-not-for-production") as running:
        yield running


class Stream:
    """A user's open `GET /me/inbox/stream`, collecting (arrival time, event) pairs."""

    def __init__(self, url: str, headers: dict):
        self.events: list[tuple[float, dict]] = []
        self.connected = threading.Event()
        self._client = httpx.Client(base_url=url, timeout=httpx.Timeout(10, read=None))
        self._thread = threading.Thread(target=self._read, args=(headers,), daemon=True)
        self._thread.start()
        assert self.connected.wait(10), "the event stream did not open"

    def _read(self, headers: dict) -> None:
        try:
            with self._client.stream("GET", "/me/inbox/stream", headers=headers) as response:
                assert response.status_code == 200
                assert response.headers["content-type"].startswith("text/event-stream")
                for line in response.iter_lines():
                    if line.startswith(": connected"):
                        self.connected.set()
                    elif line.startswith("data: "):
                        self.events.append((time.time(), json.loads(line[6:])))
        except httpx.HTTPError:
            pass  # closed by the test

    def close(self) -> None:
        self._client.close()


def _items(api: httpx.Client, gateway: Gateway, user: str, **params) -> list[dict]:
    response = api.get("/me/inbox", headers=bearer(gateway, user), params=params)
    assert response.status_code == 200, response.text
    return response.json()


def _eventually(fetch, what: str, timeout: float = 30.0):
    deadline = time.monotonic() + timeout
    while True:
        value = fetch()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.2)


def test_a_breach_reaches_the_leader_live_then_the_gm_when_left_unacknowledged(
        escalating_suite):
    gateway = Gateway(escalating_suite.url, Stats())
    api = httpx.Client(base_url=escalating_suite.url, timeout=30)
    stream = Stream(escalating_suite.url, bearer(gateway, "lead.sales.p1"))
    try:
        journey = Journey(gateway, OrderPlan(company="P1", customer="CUST-001",
                                             product="GGD-400", quantity=2,
                                             reject_first_lot=False))
        order = journey.intake()
        journey.review()
        journey.contract_and_pay_deposit(order)  # effective: SAL-7 opens

        def sal7_pushed():
            return [(at, event) for at, event in stream.events
                    if event["item"]["rule_id"] == "SAL-7"
                    and event["item"]["order_no"] == journey.order_no]

        [(arrived, pushed)] = _eventually(sal7_pushed, "the SAL-7 breach on the stream")
        item = pushed["item"]
        assert (item["username"], item["rung"], item["department"], item["company_id"]) == \
            ("lead.sales.p1", "department_leader", "sales", "P1")
        latency = arrived - datetime.fromisoformat(pushed["breach_recorded_at"]).timestamp()
        print(f"SSE push {latency * 1000:.0f} ms after the breach was recorded")
        assert latency < 1.0, f"pushed {latency:.2f} s after the breach was recorded"

        # in the leader's inbox, newest first, and in nobody else's. The sweep looks 30 days
        # ahead, so the deposit invoice's SAL-10 limits may breach alongside: count SAL-7 only.
        def sal7_items(user):
            return [i for i in _items(api, gateway, user)
                    if i["order_no"] == journey.order_no and i["rule_id"] == "SAL-7"]

        [mine] = sal7_items("lead.sales.p1")
        assert mine["id"] == item["id"] and mine["acknowledged_at"] is None
        for other in ("sales.p1", "lead.sales.p2", "lead.planning.p1", "gm.p2", "group.gm"):
            assert not sal7_items(other), other

        # left unacknowledged, it climbs: P1's general manager receives it, P2's does not
        def at_gm():
            return [i for i in sal7_items("gm.p1") if i["rung"] == "general_manager"]

        [climbed] = _eventually(at_gm, "the GM rung", timeout=STEP_S * 5)
        assert climbed["level"] == 2 and climbed["source_id"] == item["source_id"]
        assert not sal7_items("gm.p2")
        assert not sal7_items("group.gm"), "P1 is no outsourcing matter"

        # acknowledged: recorded with its time, and no longer pending
        leader = bearer(gateway, "lead.sales.p1")
        response = api.post(f"/me/inbox/{item['id']}/acknowledge", headers=leader)
        assert response.status_code == 200 and response.json()["acknowledged_at"]
        assert not [i for i in _items(api, gateway, "lead.sales.p1", pending_only="true")
                    if i["id"] == item["id"]]
        # nobody acknowledges another person's item
        response = api.post(f"/me/inbox/{climbed['id']}/acknowledge", headers=leader)
        assert response.status_code == 404
    finally:
        stream.close()
        api.close()
        gateway.client.close()


def test_leaders_and_gms_read_overdue_lists_of_their_department_and_company(
        escalating_suite):
    gateway = Gateway(escalating_suite.url, Stats())
    with httpx.Client(base_url=escalating_suite.url, timeout=30) as api:
        journey = Journey(gateway, OrderPlan(company="P2", customer="CUST-101",
                                             product="SC-500", quantity=1,
                                             reject_first_lot=False))
        order = journey.intake()
        journey.review()
        journey.contract_and_pay_deposit(order)

        def overdue(user):
            response = api.get("/me/overdue", headers=bearer(gateway, user))
            assert response.status_code == 200, response.text
            # the deposit invoice's SAL-10 limits breach too (the sweep looks 30 days ahead)
            return [i for i in response.json() if i["order_no"] == journey.order_no
                    and i["rule_id"] == "SAL-7"]

        listed = _eventually(lambda: overdue("lead.sales.p2"), "the P2 sales overdue list")
        assert [(i["department"], i["company_id"]) for i in listed] == [("sales", "P2")]
        assert not overdue("lead.sales.p1"), "another company's overdue list"
        assert not overdue("lead.quality.p2"), "another department's overdue list"
        assert overdue("gm.p2") and overdue("group.gm")
        response = api.get("/me/overdue", headers=bearer(gateway, "sales.p2"))
        assert response.status_code == 403, "an operator has an inbox, not overdue lists"

        # acknowledged at once by the leader it reached: it climbs no further
        [item] = [i for i in _items(api, gateway, "lead.sales.p2")
                  if i["order_no"] == journey.order_no and i["rule_id"] == "SAL-7"]
        response = api.post(f"/me/inbox/{item['id']}/acknowledge",
                            headers=bearer(gateway, "lead.sales.p2"))
        assert response.status_code == 200, response.text
        time.sleep(STEP_S * 2.5)
        assert not [i for i in _items(api, gateway, "gm.p2")
                    if i["order_no"] == journey.order_no and i["rule_id"] == "SAL-7"], \
            "acknowledged, yet it climbed"
        journey_view = api.get(f"/orders/{journey.order_no}/journey",
                               headers=bearer(gateway, "sales.p2")).json()
        [sal7] = [d for d in journey_view["deadlines"] if d["rule_id"] == "SAL-7"]
        assert sal7["escalated_to"] == "department_leader"
    gateway.client.close()


def _tasks(api: httpx.Client, gateway: Gateway, user: str) -> list[dict]:
    response = api.get("/me/inbox/tasks", headers=bearer(gateway, user))
    assert response.status_code == 200, response.text
    return response.json()


def test_a_waiting_time_limit_is_a_task_of_its_departments_people_in_its_company_only(
        escalating_suite):
    """X-1 in the inbox: the SAL-7 limit an effective order opens waits in P1 sales
    people's tasks (newest first), until the production instruction meets it; P2's sales
    and P1's planning do not see it."""
    gateway = Gateway(escalating_suite.url, Stats())
    api = httpx.Client(base_url=escalating_suite.url, timeout=30)
    try:
        journey = Journey(gateway, OrderPlan(company="P1", customer="CUST-001",
                                             product="GGD-400", quantity=1,
                                             reject_first_lot=False))
        order = journey.intake()
        journey.review()
        journey.contract_and_pay_deposit(order)  # effective: SAL-7 opens

        def sal7(user: str) -> list[dict]:
            return [t for t in _tasks(api, gateway, user)
                    if t["rule_id"] == "SAL-7" and t["order_no"] == journey.order_no]

        for person in ("sales.p1", "lead.sales.p1"):
            [task] = _eventually(lambda p=person: sal7(p), f"{person}'s SAL-7 task")
            assert task["company_id"] == "P1" and task["met_at"] is None
        opened = [t["opened_at"] for t in _tasks(api, gateway, "sales.p1")]
        assert opened == sorted(opened, reverse=True), "newest first"
        for other in ("sales.p2", "lead.sales.p2", "lead.planning.p1"):
            assert not sal7(other), other
    finally:
        api.close()
        gateway.client.close()
