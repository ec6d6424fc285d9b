"""Rule LOG-2: goods leave only once sales has confirmed the payment."""

from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest

from logistics.domain.errors import PaymentNotConfirmed
from logistics.domain.payment import PaymentStatus, check_payment_gate

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def payment(paid: str, cleared: bool, at: datetime = T0) -> PaymentStatus:
    return PaymentStatus(order_no="SO-P1-000001", company_id="P1", contract_no="CT-1",
                         paid_total=Decimal(paid), contract_total=Decimal("100000"),
                         cleared_for_shipment=cleared, first_confirmed_at=at,
                         last_confirmed_at=at)


def test_dispatch_is_refused_when_sales_has_confirmed_no_payment():
    with pytest.raises(PaymentNotConfirmed, match="no payment confirmation.*LOG-2"):
        check_payment_gate("SO-P1-000001", None)


def test_dispatch_is_refused_while_the_payment_is_not_cleared_and_says_how_much_is_paid():
    with pytest.raises(PaymentNotConfirmed) as info:
        check_payment_gate("SO-P1-000001", payment("30000", cleared=False))
    assert str(info.value) == ("payment not confirmed by sales: paid 30000.00 of 100000.00; "
                               "shipping needs full payment (LOG-2)")


def test_dispatch_passes_the_gate_once_sales_cleared_the_order():
    check_payment_gate("SO-P1-000001", payment("100000", cleared=True))


def test_a_higher_payment_arriving_later_replaces_the_copy():
    kept = payment("30000", False).newer(payment("100000", True, T0 + timedelta(hours=1)))
    assert kept.paid_total == Decimal("100000") and kept.cleared_for_shipment


def test_a_lower_payment_arriving_after_a_higher_one_does_not_unclear_the_order():
    kept = payment("100000", True, T0 + timedelta(hours=1)).newer(payment("30000", False, T0))
    assert kept.paid_total == Decimal("100000")
    assert kept.cleared_for_shipment
    assert kept.first_confirmed_at == T0


def test_a_cleared_order_stays_cleared_even_if_a_later_copy_says_otherwise():
    kept = payment("100000", True).newer(payment("100000", False, T0 + timedelta(hours=1)))
    assert kept.cleared_for_shipment


def test_a_reversal_takes_the_copy_back_from_cleared_and_dispatch_is_refused_again():
    """LOG-2: the gate stays at dispatch; a payment reversed in between blocks it."""
    cleared = payment("100000", True)
    reversed_copy = cleared.reversed_by(payment("30000", False, at=T0 + timedelta(hours=1)))
    assert not reversed_copy.cleared_for_shipment and reversed_copy.paid_total == 30000
    with pytest.raises(PaymentNotConfirmed, match="paid 30000.00 of 100000.00"):
        check_payment_gate("SO-P1-000001", reversed_copy)
    paid_again = reversed_copy.newer(payment("100000", True, at=T0 + timedelta(hours=2)))
    check_payment_gate("SO-P1-000001", paid_again)


def test_a_reversal_older_than_the_kept_confirmation_changes_nothing():
    kept = payment("100000", True, at=T0 + timedelta(hours=2))
    assert kept.reversed_by(payment("30000", False, at=T0 + timedelta(hours=1))) == kept
