"""Receivables over the real broker (SAL-10): an invoice not collected by its due date, and
an overdue invoice not dunned in time, breach their X-1 limits; payment meets them."""

from datetime import date, datetime, time, timedelta

import pytest
from sales_support import CLERK, ORDER, sales_proxy, start_sales

from sales.handlers_receivables import dunning_falls_due
from servicekit.testing_deadlines import assert_limit_breaches
from servicekit.workcalendar import DEFAULT_CALENDAR

pytestmark = pytest.mark.service

TERMS = {"deposit_percent": "30", "payment_terms": [
    {"stage": "deposit", "percent": "30", "due_days": 10},
    {"stage": "before_shipment", "percent": "70", "due_days": 0}]}


def _contracted(proxy) -> tuple[str, date]:
    no = proxy.receive_order(CLERK, ORDER)["order_no"]
    proxy.review_order(CLERK, no)
    proxy.quote_order(CLERK, no)
    proxy.sign_contract(CLERK, no, TERMS)
    [deposit] = proxy.list_invoices(CLERK, no)
    assert (deposit["stage"], deposit["amount"]) == ("deposit", "51600.00")
    return no, date.fromisoformat(deposit["due_date"])


def test_an_invoice_not_collected_by_its_due_date_breaches_sal10(
        container_factory, make_config, db_backend):
    config = make_config("sales")
    sales = start_sales(container_factory, config)
    with sales_proxy(config) as proxy:
        no, due = _contracted(proxy)
    assert due > date.today()  # 10 days after signing (the contract's term)
    assert_limit_breaches(sales, "SAL-10.collect_invoice", no,
                          anchor=datetime.combine(due, time(0), tzinfo=DEFAULT_CALENDAR.tz))


def test_an_overdue_invoice_not_dunned_within_five_working_days_breaches_sal10(
        container_factory, make_config, db_backend):
    config = make_config("sales")
    sales = start_sales(container_factory, config)
    with sales_proxy(config) as proxy:
        no, due = _contracted(proxy)
    assert_limit_breaches(sales, "SAL-10.dunning_step", no, anchor=dunning_falls_due(due, 1))


def test_paying_the_invoice_meets_its_limits_and_ends_its_dunning(
        container_factory, make_config, db_backend):
    config = make_config("sales")
    start_sales(container_factory, config)
    with sales_proxy(config) as proxy:
        no, due = _contracted(proxy)
        proxy.record_payment(CLERK, no, {"amount": "51600.00"})
        [deposit] = proxy.list_invoices(CLERK, no)
        assert deposit["status"] == "paid"
        limits = {d["subject"]: d["status"] for d in proxy.deadlines_for_order(no)
                  if d["rule_id"] == "SAL-10"}
        assert set(limits.values()) == {"met"} and len(limits) == 2
        later = (due + timedelta(days=90)).isoformat()
        assert proxy.run_dunning(CLERK, {"as_of": later}) == []
