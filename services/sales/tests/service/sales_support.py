"""Shared pieces of sales' service tests: actors, orders, a planning test double."""

from __future__ import annotations

from datetime import date, timedelta

import eventlet
from nameko.rpc import rpc
from nameko.standalone.rpc import ServiceRpcProxy

from sales.service import SalesService
from servicekit.testing import signed_actor, start_service

CLERK = signed_actor({"username": "alice", "roles": ["sales_admin"], "companies": ["P1"]})
GM = signed_actor({"username": "gina", "roles": ["general_manager"], "companies": ["P1"]})
P2_CLERK = signed_actor({"username": "peter", "roles": ["sales_admin"], "companies": ["P2"]})

REQUESTED = (date.today() + timedelta(days=40)).isoformat()
ORDER = {
    "company_id": "P1", "customer_code": "CUST-001",
    "lines": [{"product_code": "KYN28-12", "spec": "1250A", "quantity": "2",
               "requested_date": REQUESTED}],
}
FEASIBLE = {"feasible": True, "earliest_date": REQUESTED, "binding_kind": "none",
            "binding_constraint": "", "per_line": []}
INFEASIBLE = {"feasible": False,
              "earliest_date": (date.today() + timedelta(days=60)).isoformat(),
              "binding_kind": "capacity",
              "binding_constraint": "assembly line A booked out", "per_line": []}


class StubPlanning:
    """Test double of planning's `check_feasibility` (PLN-2): a canned answer.

    Tests set `answer` (and `delay_s` to play a slow planning); `queries` keeps what
    sales asked."""

    name = "planning"
    answer = FEASIBLE
    delay_s = 0.0
    queries: list = []

    @rpc
    def check_feasibility(self, query):
        StubPlanning.queries.append(query)
        if StubPlanning.delay_s:
            eventlet.sleep(StubPlanning.delay_s)
        return StubPlanning.answer


def stub_planning(container_factory, config, answer=FEASIBLE, delay_s=0.0):
    StubPlanning.answer, StubPlanning.delay_s, StubPlanning.queries = answer, delay_s, []
    return start_service(container_factory, StubPlanning, {"AMQP_URI": config["AMQP_URI"]})


def start_sales(container_factory, config, *, planning: dict | None = FEASIBLE,
                delay_s: float = 0.0):
    """Sales on `config`, with the planning test double answering `planning` after
    `delay_s` (planning=None: no planning at all)."""
    sales = start_service(container_factory, SalesService, config)
    if planning is not None:
        stub_planning(container_factory, config, answer=planning, delay_s=delay_s)
    return sales


def sales_proxy(config):
    return ServiceRpcProxy("sales", config)


def remote_error(call) -> str:
    """Run `call`, return the remote exception's type name (fails if nothing is raised)."""
    try:
        call()
    except Exception as exc:  # nameko RemoteError carries the remote type as exc_type
        return getattr(exc, "exc_type", type(exc).__name__)
    raise AssertionError("expected a remote error")
