"""The shipping instruction (发货通知单, LOG-2) over the real broker: contract & order
management issues it only once the contract and the payment due before shipment are in;
it is due 1 working day before planning's forecast completion, and that limit breaches."""

from datetime import UTC, date, datetime, timedelta

import pytest
from sales_support import CLERK, ORDER, remote_error, sales_proxy, start_sales

from contracts.events import planning
from servicekit.testing import deliver_event, signed_actor
from servicekit.testing_deadlines import assert_limit_breaches
from servicekit.workcalendar import DEFAULT_CALENDAR

pytestmark = pytest.mark.service

CONTRACTS = signed_actor({"username": "qian", "roles": ["contract_management"],
                          "companies": ["P1"]})
NOW = datetime.now(UTC)
INSTRUCTION = {"ship_at": (NOW + timedelta(hours=2)).isoformat(),
               "arrival_at": (NOW + timedelta(days=2)).isoformat(),
               "arrival_place": "Site 4, Pukou"}


def _effective_order(proxy) -> str:
    no = proxy.receive_order(CLERK, ORDER)["order_no"]
    proxy.review_order(CLERK, no)
    proxy.quote_order(CLERK, no)
    proxy.sign_contract(CLERK, no, {"deposit_percent": "30"})  # the rest before shipment
    proxy.record_payment(CLERK, no, {"amount": "51600.00"})
    proxy.issue_production_instruction(CLERK, no)
    return no


def test_the_instruction_waits_for_the_payment_due_before_shipment(
        container_factory, make_config, db_backend):
    config = make_config("sales")
    sales = start_sales(container_factory, config)
    with sales_proxy(config) as proxy:
        no = _effective_order(proxy)
        deliver_event(sales, "on_order_planned", "planning.order_planned",
                      planning.OrderPlanned(order_no=no, plan_no="PL-P1-000001",
                                            planned_completion=NOW + timedelta(days=20),
                                            work_orders=[], material_requests=0))
        assert remote_error(lambda: proxy.issue_shipping_instruction(
            CLERK, no, INSTRUCTION)) == "Forbidden"  # sales admin is not contract management
        assert remote_error(lambda: proxy.issue_shipping_instruction(
            CONTRACTS, no, INSTRUCTION)) == "Conflict"  # 51600 of 172000 paid
        proxy.record_payment(CLERK, no, {"amount": "120400.00"})
        issued = proxy.issue_shipping_instruction(CONTRACTS, no, INSTRUCTION)
        assert issued["instruction_no"].startswith("SN-P1-")
        assert issued["arrival_place"] == "Site 4, Pukou"
        assert [i["instruction_no"] for i in proxy.list_shipping_instructions(CLERK, no, 10)
                ] == [issued["instruction_no"]]
        [limit] = [d for d in proxy.deadlines_for_order(no) if d["rule_id"] == "LOG-2"]
        assert limit["status"] == "met"  # issued in time (LOG-2)


def test_an_instruction_not_issued_a_working_day_before_the_shipping_date_breaches_log2(
        container_factory, make_config, db_backend):
    """LOG-2: counted back from the planned shipping date (the confirmed delivery date), not
    from planning's goods-ready forecast."""
    config = make_config("sales")
    sales = start_sales(container_factory, config)
    with sales_proxy(config) as proxy:
        no = _effective_order(proxy)
        ready = NOW + timedelta(days=20)
        deliver_event(sales, "on_order_planned", "planning.order_planned",
                      planning.OrderPlanned(order_no=no, plan_no="PL-P1-000001",
                                            planned_completion=ready, work_orders=[],
                                            material_requests=0))
        confirmed = date.fromisoformat(proxy.get_order(CLERK, no)["lines"][0]["confirmed_date"])
    assert_limit_breaches(sales, "LOG-2.shipping_instruction", no,
                          anchor=DEFAULT_CALENDAR.start_of_business(confirmed))
