"""Logistics' own copy of sales' payment fact, and the gate it opens (LOG-2).

Logistics waits on sales' `sales.payment_confirmed`; it keeps the latest copy so a
dispatch can be decided without asking sales. Events may arrive out of order: the
copy with the highest paid_total wins, so a late, lower confirmation never un-clears
an order that a higher one cleared.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from logistics.domain.errors import PaymentNotConfirmed


@dataclass(frozen=True)
class PaymentStatus:
    order_no: str
    company_id: str
    contract_no: str
    paid_total: Decimal
    contract_total: Decimal
    cleared_for_shipment: bool
    first_confirmed_at: datetime
    last_confirmed_at: datetime

    def newer(self, incoming: PaymentStatus) -> PaymentStatus:
        """The copy to keep when `incoming` arrives after this one (in any order)."""
        if incoming.paid_total > self.paid_total or (
            incoming.paid_total == self.paid_total
            and incoming.cleared_for_shipment and not self.cleared_for_shipment
        ):
            kept = incoming
        else:
            kept = self
        return PaymentStatus(
            order_no=kept.order_no, company_id=kept.company_id, contract_no=kept.contract_no,
            paid_total=kept.paid_total, contract_total=kept.contract_total,
            # A late, lower confirmation does not un-clear; only a reversal does (reversed_by).
            cleared_for_shipment=kept.cleared_for_shipment or self.cleared_for_shipment,
            first_confirmed_at=min(self.first_confirmed_at, incoming.first_confirmed_at),
            last_confirmed_at=max(self.last_confirmed_at, incoming.last_confirmed_at),
        )

    def reversed_by(self, incoming: PaymentStatus) -> PaymentStatus:
        """The copy to keep when sales takes a payment back (LOG-2): sales' running total
        after the reversal, cleared only as sales says, so the gate closes again. A
        confirmation already kept from after the reversal stays (events may cross)."""
        if self.last_confirmed_at > incoming.last_confirmed_at:
            return self
        return PaymentStatus(
            order_no=self.order_no, company_id=self.company_id, contract_no=self.contract_no,
            paid_total=incoming.paid_total, contract_total=incoming.contract_total,
            cleared_for_shipment=incoming.cleared_for_shipment,
            first_confirmed_at=self.first_confirmed_at,
            last_confirmed_at=incoming.last_confirmed_at)

    def summary(self) -> str:
        cleared = "cleared for shipment" if self.cleared_for_shipment else "not cleared"
        return (f"paid {money(self.paid_total)} of {money(self.contract_total)} "
                f"(contract {self.contract_no}); {cleared}")


def gate_refusal(order_no: str, payment: PaymentStatus | None) -> PaymentNotConfirmed | None:
    """Rule LOG-2: why the goods of `order_no` may not leave yet, or None once sales'
    payment confirmation clears the order for shipment (per the contract's terms: full
    payment, or the deposit where the contract lets goods leave before the balance)."""
    details = {"order_no": order_no, "rule": "LOG-2"}
    if payment is None:
        return PaymentNotConfirmed(
            f"payment not confirmed by sales: no payment confirmation received for order "
            f"{order_no}; shipping needs full payment (LOG-2)", details)
    if not payment.cleared_for_shipment:
        return PaymentNotConfirmed(
            f"payment not confirmed by sales: paid {money(payment.paid_total)} of "
            f"{money(payment.contract_total)}; shipping needs full payment (LOG-2)", details)
    return None


def check_payment_gate(order_no: str, payment: PaymentStatus | None) -> None:
    """Rule LOG-2: raise PaymentNotConfirmed unless the payment clears the order."""
    refusal = gate_refusal(order_no, payment)
    if refusal is not None:
        raise refusal


def money(amount: Decimal) -> str:
    return f"{amount.quantize(Decimal('0.01'))}"
