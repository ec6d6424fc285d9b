"""Sales' master data use cases (issue 17) on a real unit of work (in-memory SQLite): the
customer master kept, retired not deleted, imported all or nothing; the dated price list
(SAL-5); the audit of every change."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest

from contracts.rpc.sales import OrderCreate
from contracts.rpc.sales_masterdata import CustomerChange, CustomerRecord, PriceRecord
from sales import demo, handlers, masterdata
from sales.adapters.tables import metadata
from sales.domain.errors import (
    MasterDataConflict,
    MasterDataNotAllowed,
    MasterDataRejected,
    OrderRejected,
)
from sales.unit_of_work import SalesUnitOfWork
from servicekit import clock, inmemory

CLERK = inmemory.actor("alice", roles=["sales"], companies=["P1"])
REQUESTED = date.today() + timedelta(days=60)


@pytest.fixture
def uow():
    """Seeded with the demo data, whose customers come through the same import."""
    return inmemory.unit_of_work(SalesUnitOfWork, metadata, seed=demo.seed)


def planning_says_feasible(query: dict) -> dict:
    """planning's answer to a review: the requested date holds (PLN-2)."""
    return {"feasible": True, "earliest_date": REQUESTED.isoformat(), "binding_kind": "none",
            "binding_constraint": "", "per_line": []}


def customer(code="CUST-900", company="P1", **fields) -> CustomerRecord:
    return CustomerRecord.model_validate({"company_id": company, "customer_code": code,
                                          "name": "Nanjing New Grid", "grade": "A", **fields})


def order_for(customer_code: str) -> OrderCreate:
    return OrderCreate.model_validate({"company_id": "P1", "customer_code": customer_code,
                                       "lines": [{"product_code": "KYN28-12", "quantity": "2",
                                                  "requested_date": REQUESTED.isoformat()}]})


def test_a_new_customer_takes_orders_with_its_grade(uow):
    masterdata.create_customer(CLERK, customer(payment_terms="30% deposit"), uow)
    order = handlers.receive_order(CLERK, order_for("CUST-900"), uow)
    assert order.customer_grade == "A"


def test_a_customer_code_is_taken_once_and_only_for_ones_own_company(uow):
    masterdata.create_customer(CLERK, customer(), uow)
    with pytest.raises(MasterDataConflict):
        masterdata.create_customer(CLERK, customer(), uow)
    with pytest.raises(MasterDataNotAllowed):
        masterdata.create_customer(CLERK, customer(company="P2"), uow)


def test_a_retired_customer_takes_no_new_order_but_stays_findable(uow):
    masterdata.create_customer(CLERK, customer(), uow)
    order = handlers.receive_order(CLERK, order_for("CUST-900"), uow)
    masterdata.retire_customer(CLERK, "P1", "CUST-900", uow)
    with pytest.raises(OrderRejected, match="CUST-900"):
        handlers.receive_order(CLERK, order_for("CUST-900"), uow)
    assert handlers.get_order(CLERK, order.order_no, uow).customer_code == "CUST-900"
    page = masterdata.search_customers(CLERK, "900", None, True, 0, 10, uow)
    assert [c.retired for c in page.items] == [True]
    assert masterdata.search_customers(CLERK, "900", None, False, 0, 10, uow).total == 0


def test_every_change_is_audited_with_who_before_and_after(uow):
    masterdata.create_customer(CLERK, customer(), uow)
    masterdata.change_customer(CLERK, "P1", "CUST-900", CustomerChange(grade="B"), uow)
    trail = masterdata.master_data_changes(CLERK, "customer", "P1/CUST-900", 0, 10, uow)
    assert [(c.action, c.actor) for c in trail] == [("created", "alice"), ("changed", "alice")]
    assert trail[1].before["grade"] == "A" and trail[1].after["grade"] == "B"


def test_an_import_with_a_bad_row_writes_nothing_and_names_the_row(uow):
    rows = [customer("CUST-901"), customer("CUST-902", company="P2"), customer("CUST-901")]
    with pytest.raises(MasterDataRejected) as refused:
        masterdata.import_customers(CLERK, rows, uow)
    assert "row 2" in str(refused.value) and "row 3" in str(refused.value)
    assert masterdata.search_customers(CLERK, "CUST-90", None, True, 0, 10, uow).total == 0


def test_a_good_import_applies_every_row_and_reports_it(uow):
    report = masterdata.import_customers(
        CLERK, [customer("CUST-901"), customer("CUST-001", name="State Grid Jiangsu (new)")],
        uow)
    assert (report.rows, report.created, report.changed) == (2, 1, 1)
    page = masterdata.search_customers(CLERK, "State Grid", None, False, 0, 10, uow)
    assert page.items[0].name == "State Grid Jiangsu (new)"


def test_a_price_dated_tomorrow_does_not_change_todays_quotation(uow):
    """SAL-5: the price list in force today prices today's quotation."""
    tomorrow = clock.today() + timedelta(days=1)
    masterdata.set_price(CLERK, PriceRecord(company_id="P1", product_code="KYN28-12",
                                            unit_price="99000.00", effective_from=tomorrow), uow)
    order = handlers.receive_order(CLERK, order_for("CUST-001"), uow)
    handlers.review_order(CLERK, order.order_no, uow, planning_says_feasible)
    quoted = handlers.quote_order(CLERK, order.order_no, uow)
    assert quoted.lines[0].unit_price == Decimal("86000.00")
    with uow:
        assert uow.reference.prices("P1", on=tomorrow)["KYN28-12"] == Decimal("99000.00")


def test_a_price_version_already_in_force_is_not_rewritten(uow):
    with pytest.raises(MasterDataRejected, match="history"):
        masterdata.set_price(CLERK, PriceRecord(
            company_id="P1", product_code="KYN28-12", unit_price="1.00",
            effective_from=clock.today() - timedelta(days=1)), uow)
