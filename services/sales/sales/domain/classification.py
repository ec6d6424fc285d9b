"""What kind of order this is (ORD-1..3) and whether a repeat order really repeats (ORD-3)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from contracts.events.sales import NonRegularReason, OrderKind
from sales.domain.errors import OrderRejected


def classify(repeat_of: str | None, non_regular_reasons: Iterable[NonRegularReason]) -> OrderKind:
    """ORD-3 wins (a repeat needs only GM sign-off), then ORD-2 (any reason), else ORD-1."""
    if repeat_of:
        return OrderKind.REPEAT
    if list(non_regular_reasons):
        return OrderKind.NON_REGULAR
    return OrderKind.REGULAR


@dataclass(frozen=True)
class EarlierOrder:
    """What the repeat check needs to know about the order being repeated."""

    order_no: str
    company_id: str
    customer_code: str
    products: frozenset[tuple[str, str]]  # (product_code, spec)
    declined: bool = False


def check_repeat(*, company_id: str, customer_code: str, products: Iterable[tuple[str, str]],
                 earlier: EarlierOrder | None, repeat_of: str) -> None:
    """ORD-3: a repeat order has the same products and specs as an earlier order of the
    same customer. Raises OrderRejected saying what differs."""
    if earlier is None or earlier.company_id != company_id:
        raise OrderRejected(f"repeat_of {repeat_of}: no such earlier order")
    if earlier.customer_code != customer_code:
        raise OrderRejected(f"repeat_of {repeat_of}: that order is another customer's")
    if earlier.declined:
        raise OrderRejected(f"repeat_of {repeat_of}: that order was declined, nothing to repeat")
    wanted = frozenset(products)
    if wanted != earlier.products:
        differing = sorted(f"{code}/{spec}" if spec else code
                           for code, spec in wanted ^ earlier.products)
        raise OrderRejected(
            f"repeat_of {repeat_of}: products differ from the earlier order "
            f"({', '.join(differing)}); a changed order is regular or non-regular, "
            "not a repeat (ORD-3)")
