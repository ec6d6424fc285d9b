"""Sales records an order; planning learns of it through an event (the thin slice)."""

from datetime import date, timedelta

import pytest
from nameko.standalone.rpc import ServiceRpcProxy
from nameko.testing.services import entrypoint_waiter
from planning.service import PlanningService
from sales.service import SalesService

ORDER = {
    "company_id": "P1",
    "customer_code": "CUST-001",
    "customer_grade": "A",
    "lines": [{"product_code": "KYN28-12", "spec": "1250A", "quantity": "2",
               "requested_date": (date.today() + timedelta(days=30)).isoformat()}],
}


def test_an_order_received_by_sales_is_recorded_by_planning(
        container_factory, make_config, db_backend):
    sales = container_factory(SalesService, make_config("sales"))
    planning = container_factory(PlanningService, make_config("planning"))
    sales.start()
    planning.start()

    with entrypoint_waiter(planning, "on_order_received", timeout=10), \
            ServiceRpcProxy("sales", sales.config) as proxy:
        order = proxy.receive_order(ORDER)

    with ServiceRpcProxy("planning", planning.config) as proxy:
        demand = proxy.get_demand(order["order_no"])
    assert demand["order_no"] == order["order_no"] == "SO-P1-000001"
    assert demand["lines"][0]["product_code"] == "KYN28-12"
    assert demand["lines"][0]["quantity"] == "2.000"


def test_an_invalid_order_is_refused_with_the_fields_at_fault(container_factory, make_config):
    sales = container_factory(SalesService, make_config("sales"))
    sales.start()
    bad = {**ORDER, "customer_grade": "Z", "lines": []}
    with ServiceRpcProxy("sales", sales.config) as proxy, pytest.raises(Exception) as info:
        proxy.receive_order(bad)
    assert info.value.exc_type == "InvalidRequest"
    assert "invalid OrderCreate" in str(info.value)
