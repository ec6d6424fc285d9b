"""Quotation, deposit and payment clearing (SAL-5, SAL-6, SAL-10). Money is Decimal, 2 dp."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from sales.domain.errors import OrderRejected

CENT = Decimal("0.01")


def money(value: Decimal) -> Decimal:
    return Decimal(value).quantize(CENT, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class Quotation:
    unit_prices: dict[int, Decimal]   # line_no -> list price
    subtotal: Decimal
    surcharge_percent: Decimal        # 0 for a regular order
    surcharge: Decimal
    total: Decimal


def quote(lines: Iterable[tuple[int, str, Decimal]], price_list: Mapping[str, Decimal], *,
          non_regular: bool, surcharge_percent: Decimal) -> Quotation:
    """SAL-5: list price × quantity per line; a non-regular order adds the custom-change
    surcharge (异型更改) on the whole. `lines` are (line_no, product_code, quantity)."""
    unit_prices: dict[int, Decimal] = {}
    subtotal = Decimal("0")
    for line_no, product_code, quantity in lines:
        if product_code not in price_list:
            raise OrderRejected(f"line {line_no}: {product_code} is not in the price list")
        unit_prices[line_no] = money(price_list[product_code])
        subtotal += unit_prices[line_no] * Decimal(quantity)
    subtotal = money(subtotal)
    percent = Decimal(surcharge_percent) if non_regular else Decimal("0")
    surcharge = money(subtotal * percent / 100)
    return Quotation(unit_prices, subtotal, percent, surcharge, money(subtotal + surcharge))


def deposit(total: Decimal, deposit_percent: Decimal) -> Decimal:
    """SAL-6: the agreed deposit that makes the order effective."""
    return money(Decimal(total) * Decimal(deposit_percent) / 100)


def cleared_for_shipment(paid_total: Decimal, *, total: Decimal, deposit_amount: Decimal,
                         pay_in_full_before_shipment: bool) -> bool:
    """LOG-2 via SAL-6: goods may leave once the contract's terms are paid."""
    return paid_total >= (total if pay_in_full_before_shipment else deposit_amount)


def check_payment(amount: Decimal, *, paid_total: Decimal, total: Decimal) -> None:
    """SAL-10: a payment is positive and does not take the order beyond its total."""
    if amount <= 0:
        raise OrderRejected("a payment must be positive")
    if paid_total + amount > total:
        raise OrderRejected(
            f"payment of {money(amount)} exceeds the outstanding {money(total - paid_total)} "
            f"of the contract total {money(total)}")
