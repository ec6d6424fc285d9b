"""Receivables as pure rules (SAL-10): terms as data, invoices that add up, payments matched
earliest due first, dunning one step at a time, aging that sums to the open invoices."""

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest

from sales.domain.errors import OrderRejected
from sales.domain.receivables import (
    AFTER_ACCEPTANCE,
    BEFORE_SHIPMENT,
    DEPOSIT,
    Invoice,
    PaymentTerm,
    aging,
    allocate,
    check_terms,
    default_terms,
    next_dunning_step,
    stage_amount,
    unallocate,
)

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
DUE = date(2026, 3, 10)


def invoice(no="INV-1", amount="1000.00", due=DUE, paid="0", level=0) -> Invoice:
    return Invoice(invoice_no=no, order_no="SO-1", company_id="P1", customer_code="C1",
                   contract_no="CT-1", stage=DEPOSIT, amount=Decimal(amount), issued_at=T0,
                   due_date=due, paid=Decimal(paid), dunning_level=level)


def test_terms_must_add_up_to_the_whole_contract_once_per_stage():
    with pytest.raises(OrderRejected, match="add up to 90%"):
        check_terms([PaymentTerm(DEPOSIT, Decimal(30), 0),
                     PaymentTerm(BEFORE_SHIPMENT, Decimal(60), 0)])
    with pytest.raises(OrderRejected, match="once"):
        check_terms([PaymentTerm(DEPOSIT, Decimal(50), 0), PaymentTerm(DEPOSIT, Decimal(50), 0)])


def test_the_contracts_two_fields_imply_deposit_then_balance_or_retention():
    assert default_terms(Decimal(30), True) == (PaymentTerm(DEPOSIT, Decimal(30), 0),
                                                PaymentTerm(BEFORE_SHIPMENT, Decimal(70), 0))
    assert default_terms(Decimal(100), True) == (PaymentTerm(DEPOSIT, Decimal(100), 0),)
    assert default_terms(Decimal(30), False)[1].stage == AFTER_ACCEPTANCE


def test_the_invoices_of_a_contract_add_up_to_its_total_to_the_cent():
    terms = check_terms([PaymentTerm(DEPOSIT, Decimal("33.33"), 0),
                         PaymentTerm(BEFORE_SHIPMENT, Decimal("33.33"), 0),
                         PaymentTerm(AFTER_ACCEPTANCE, Decimal("33.34"), 90)])
    total = Decimal("1000.01")
    amounts = [stage_amount(total, terms, stage)
               for stage in (DEPOSIT, BEFORE_SHIPMENT, AFTER_ACCEPTANCE)]
    assert sum(amounts) == total
    assert amounts[:2] == [Decimal("333.30"), Decimal("333.30")]


def test_a_payment_pays_the_earliest_due_invoice_first_and_the_rest_is_credit():
    later, earlier = invoice("INV-2", due=date(2026, 4, 1)), invoice("INV-1", amount="300.00")
    applied, credit = allocate([later, earlier], Decimal("1500.00"), T0)
    assert [(each.invoice_no, taken, each.status) for each, taken in applied] == [
        ("INV-1", Decimal("300.00"), "paid"), ("INV-2", Decimal("1000.00"), "paid")]
    assert credit == Decimal("200.00")


def test_dunning_takes_one_step_at_a_time_and_never_dunns_a_paid_invoice():
    unpaid = invoice()
    assert next_dunning_step(unpaid, DUE) is None  # due today: not overdue yet
    step = next_dunning_step(unpaid, date(2026, 5, 30))  # 81 days overdue
    assert step.level == 1  # still the first step: the ladder is climbed a run at a time
    second = next_dunning_step(unpaid.dunned(1), date(2026, 3, 20))
    assert second is None  # 10 days overdue: the formal demand comes at 15
    assert next_dunning_step(unpaid.dunned(1), date(2026, 3, 25)).level == 2
    assert next_dunning_step(unpaid.dunned(4), date(2027, 1, 1)) is None  # ladder's end
    paid, _ = unpaid.pay(Decimal("1000.00"), T0)
    assert next_dunning_step(paid, date(2026, 5, 30)) is None


def test_aging_puts_each_open_amount_in_its_bucket_and_sums_to_the_open_invoices():
    found = [invoice("A", due=date(2026, 6, 1)), invoice("B", due=date(2026, 5, 1)),
             invoice("C", amount="500.00", due=date(2026, 3, 1), paid="200.00"),
             invoice("D", due=date(2026, 1, 1)), invoice("E", paid="1000.00")]
    buckets = aging(found, date(2026, 5, 20))
    assert buckets["current"] == Decimal("1000.00")
    assert buckets["days_1_30"] == Decimal("1000.00")
    assert buckets["days_61_90"] == Decimal("300.00")
    assert buckets["over_90"] == Decimal("1000.00")
    assert buckets["total_open"] == sum(each.open_amount for each in found)


def test_a_reversed_payment_is_taken_back_from_the_latest_due_paid_invoice_first():
    """LOG-2/SAL-10: the invoices the reversal takes money from are open again."""
    early = invoice("INV-1", "300.00", due=date(2026, 3, 1), paid="300.00")
    late = invoice("INV-2", "700.00", due=date(2026, 4, 1), paid="700.00")
    [(first, back_first), (second, back_second)] = unallocate([early, late], Decimal("800.00"))
    assert (first.invoice_no, back_first, first.status) == ("INV-2", Decimal("700.00"), "open")
    assert (second.invoice_no, back_second, second.open_amount) == (
        "INV-1", Decimal("100.00"), Decimal("100.00"))
    assert second.paid_at is None
