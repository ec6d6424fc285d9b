"""Order kinds (ORD-1..3) and the repeat-order check (ORD-3)."""

import pytest

from contracts.events.sales import NonRegularReason, OrderKind
from sales.domain.classification import EarlierOrder, check_repeat, classify
from sales.domain.errors import OrderRejected

pytestmark = pytest.mark.unit

EARLIER = EarlierOrder("SO-P1-000001", "P1", "CUST-001",
                       frozenset({("KYN28-12", "1250A"), ("GGD-400", "")}))


def test_an_order_without_reasons_is_regular():  # rule ORD-1
    assert classify(None, []) == OrderKind.REGULAR


def test_any_non_regular_reason_makes_it_non_regular():  # rule ORD-2
    assert classify(None, [NonRegularReason.TIGHT_DATE_WITH_PENALTY]) == OrderKind.NON_REGULAR


def test_a_repeat_is_a_repeat_whatever_else_is_said():  # rule ORD-3
    assert classify("SO-P1-000001", [NonRegularReason.NEW_DESIGN]) == OrderKind.REPEAT


def _check(products, earlier=EARLIER, customer="CUST-001", company="P1"):
    check_repeat(company_id=company, customer_code=customer, products=products,
                 earlier=earlier, repeat_of="SO-P1-000001")


def test_a_repeat_with_the_same_products_and_specs_passes():
    _check([("GGD-400", ""), ("KYN28-12", "1250A")])


def test_a_repeat_of_an_unknown_order_is_refused():
    with pytest.raises(OrderRejected, match="no such"):
        _check([("KYN28-12", "1250A")], earlier=None)


def test_a_repeat_of_another_companys_order_is_as_unknown():
    with pytest.raises(OrderRejected, match="no such"):
        _check([("KYN28-12", "1250A"), ("GGD-400", "")], company="P2")


def test_a_repeat_of_another_customers_order_is_refused():
    with pytest.raises(OrderRejected, match="another customer"):
        _check([("KYN28-12", "1250A"), ("GGD-400", "")], customer="CUST-002")


def test_a_repeat_with_a_changed_spec_is_refused():
    with pytest.raises(OrderRejected, match="KYN28-12/1600A"):
        _check([("KYN28-12", "1600A"), ("GGD-400", "")])


def test_a_declined_order_cannot_be_repeated():
    declined = EarlierOrder(**{**EARLIER.__dict__, "declined": True})
    with pytest.raises(OrderRejected, match="declined"):
        _check([("KYN28-12", "1250A"), ("GGD-400", "")], earlier=declined)
