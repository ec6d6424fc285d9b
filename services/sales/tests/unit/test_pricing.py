"""Quotation, deposit and clearing (SAL-5, SAL-6, SAL-10)."""

from decimal import Decimal

import pytest

from sales.domain import pricing
from sales.domain.errors import OrderRejected

pytestmark = pytest.mark.unit

PRICES = {"KYN28-12": Decimal("86000.00"), "GGD-400": Decimal("32000.00")}
LINES = [(1, "KYN28-12", Decimal("2")), (2, "GGD-400", Decimal("1.5"))]


def test_a_regular_order_is_priced_from_the_price_list():  # rule SAL-5
    quotation = pricing.quote(LINES, PRICES, non_regular=False,
                              surcharge_percent=Decimal("15"))
    assert quotation.unit_prices == {1: Decimal("86000.00"), 2: Decimal("32000.00")}
    assert quotation.surcharge == Decimal("0.00")
    assert quotation.total == Decimal("220000.00")


def test_a_non_regular_order_adds_the_custom_change_surcharge():  # rule SAL-5
    quotation = pricing.quote(LINES, PRICES, non_regular=True, surcharge_percent=Decimal("15"))
    assert quotation.subtotal == Decimal("220000.00")
    assert quotation.surcharge == Decimal("33000.00")
    assert quotation.total == Decimal("253000.00")


def test_totals_are_rounded_to_cents():
    quotation = pricing.quote([(1, "X", Decimal("0.333"))], {"X": Decimal("10.00")},
                              non_regular=True, surcharge_percent=Decimal("15"))
    assert quotation.total == Decimal("3.83")  # 3.33 + 0.50 (0.4995 rounded half up)
    assert quotation.total.as_tuple().exponent == -2


def test_a_product_missing_from_the_price_list_cannot_be_quoted():
    with pytest.raises(OrderRejected, match="price list"):
        pricing.quote([(1, "NOPE", Decimal("1"))], PRICES, non_regular=False,
                      surcharge_percent=Decimal("0"))


def test_the_deposit_is_a_percentage_of_the_total():  # rule SAL-6
    assert pricing.deposit(Decimal("253000.00"), Decimal("30")) == Decimal("75900.00")
    assert pricing.deposit(Decimal("100.01"), Decimal("33.3")) == Decimal("33.30")


@pytest.mark.parametrize("paid, in_full, cleared", [
    ("30", True, False), ("100", True, True), ("30", False, True), ("29.99", False, False)])
def test_clearing_for_shipment(paid, in_full, cleared):
    assert pricing.cleared_for_shipment(Decimal(paid), total=Decimal("100"),
                                        deposit_amount=Decimal("30"),
                                        pay_in_full_before_shipment=in_full) is cleared


def test_payments_may_not_exceed_the_contract_total():  # rule SAL-10
    pricing.check_payment(Decimal("70"), paid_total=Decimal("30"), total=Decimal("100"))
    with pytest.raises(OrderRejected):
        pricing.check_payment(Decimal("70.01"), paid_total=Decimal("30"), total=Decimal("100"))
