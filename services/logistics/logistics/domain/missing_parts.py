"""Picking against the shipping instruction, and shipping with missing parts (LOG-3, LOG-5).

The store picks what the instruction lists (LOG-3). Picking more than the store holds,
more than the instruction asks, or goods packed for someone else is always wrong. Picking
less is a shipment with missing parts (缺件发货): only with the customer's consent on
record (who, when, how); the missing parts are recorded with an owner and ship later as a
shipment of their own, tracked to delivery. The order is complete only when every
shipment, the missing parts' included, is delivered.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from decimal import Decimal

from logistics.domain.errors import ShippingRefused, ShippingRejected
from logistics.domain.lines import GoodsLine, totals_by_product

OPEN, SHIPPED, DELIVERED = "open", "shipped", "delivered"
CONSENT_CHANNELS = ("phone", "email", "letter", "fax", "in_person")


@dataclass(frozen=True)
class Consent:
    """The customer's consent to ship short (LOG-5): who gave it, when, how."""

    given_by: str
    given_at: datetime
    channel: str
    recorded_by: str

    def check(self, now: datetime) -> None:
        if self.channel not in CONSENT_CHANNELS:
            raise ShippingRejected(f"consent channel {self.channel!r} is not one of "
                                   f"{', '.join(CONSENT_CHANNELS)} (LOG-5)",
                                   {"field": "channel"})
        if self.given_at > now:
            raise ShippingRejected("the customer's consent cannot be given in the future "
                                   "(LOG-5)", {"field": "given_at"})


@dataclass(frozen=True)
class MissingParts:
    """What a short shipment left behind, who owns getting it out, and where it stands."""

    missing_no: str
    order_no: str
    company_id: str
    short_shipment_no: str
    lines: tuple[GoodsLine, ...]
    owner: str
    consent_given_by: str
    consent_given_at: datetime
    consent_channel: str
    recorded_by: str
    recorded_at: datetime
    status: str = OPEN  # open → shipped → delivered
    shipment_no: str | None = None  # its own shipment, once prepared

    def with_shipment(self, shipment_no: str) -> MissingParts:
        if self.shipment_no is not None:
            raise ShippingRefused(f"missing parts {self.missing_no} already ship with "
                                  f"{self.shipment_no}", {"missing_no": self.missing_no})
        return replace(self, shipment_no=shipment_no)

    def moved(self, status: str) -> MissingParts:
        return replace(self, status=status)


def pick_problems(wanted: tuple[GoodsLine, ...], held: list[GoodsLine],
                  picked: tuple[GoodsLine, ...]) -> tuple[list[str], dict[str, Decimal]]:
    """Rule LOG-3: what is wrong with the pick (always refused), and what it is short of
    (a shortage needs the customer's consent, LOG-5)."""
    notice, store, taken = (totals_by_product(wanted), totals_by_product(held),
                            totals_by_product(picked))
    problems = []
    for product in sorted(taken):
        if taken[product] > store.get(product, Decimal(0)):
            problems.append(f"{product}: picked {_qty(taken[product])}, in store "
                            f"{_qty(store.get(product))}")
        if taken[product] > notice.get(product, Decimal(0)):
            problems.append(f"{product}: instruction {_qty(notice.get(product))}, picked "
                            f"{_qty(taken[product])} (over-shipment)")
    shortage = {product: quantity - taken.get(product, Decimal(0))
                for product, quantity in sorted(notice.items())
                if taken.get(product, Decimal(0)) < quantity}
    return problems, shortage


def shortage_refusal(order_no: str, shortage: dict[str, Decimal]) -> ShippingRefused:
    words = "; ".join(f"{product} short by {_qty(quantity)}"
                      for product, quantity in shortage.items())
    return ShippingRefused(
        f"the pick for order {order_no} is short ({words}): shipping with missing parts "
        "needs the customer's recorded consent and an owner for the missing parts (LOG-5)",
        {"order_no": order_no, "short": {p: str(q) for p, q in shortage.items()},
         "rule": "LOG-5"})


def order_complete(shipment_statuses: list[str], missing: list[MissingParts]) -> bool:
    """The order is complete when every shipment is delivered and no missing part is
    outstanding (LOG-5)."""
    return bool(shipment_statuses) and all(s == DELIVERED for s in shipment_statuses) \
        and all(m.status == DELIVERED for m in missing)


def _qty(value) -> str:
    return "none" if value is None else f"{value.normalize():f}"
