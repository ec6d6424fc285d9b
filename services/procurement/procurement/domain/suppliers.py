"""Choosing a supplier from the approved supplier list (PRC-2)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal


@dataclass(frozen=True)
class Offer:
    """What a supplier quotes for a material: lead time in working days, unit price."""

    supplier_code: str
    material_code: str
    lead_days: int
    unit_price: Decimal
    approved: bool


@dataclass(frozen=True)
class SupplierChoice:
    offer: Offer
    confirmed_date: date
    meets_need: bool


def choose_supplier(offers: Iterable[Offer], material_code: str, needed_by: date,
                    arrival_for: Callable[[int], date]) -> SupplierChoice | None:
    """The supplier to buy from, or None when no approved supplier offers the material.

    Only suppliers on the approved list qualify, however cheap or fast another is (PRC-2).
    Among them (comparing several, as PRC-2 asks): first those whose delivery meets
    `needed_by`, then the cheapest, then the fastest, then by code for a stable answer.
    `arrival_for(lead_days)` turns a lead time into a date (the company calendar).
    """
    candidates = []
    for offer in offers:
        if offer.material_code != material_code or not offer.approved:
            continue
        arrival = arrival_for(offer.lead_days)
        candidates.append(SupplierChoice(offer, arrival, arrival <= needed_by))
    if not candidates:
        return None
    return min(candidates, key=lambda c: (not c.meets_need, c.offer.unit_price,
                                          c.offer.lead_days, c.offer.supplier_code))
