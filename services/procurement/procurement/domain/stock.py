"""Stock in store and how a material request is matched against it (PRC-1, PRC-3, CO-2).

Stock is group-wide visible (CO-2): every company's store can cover a request, but the
requesting company's own store is tried first (PRC-1), a sister company's second, by
transfer (PRC-3). Partial cover is kept simple on purpose: a store covers a request only
if it can cover *all* of it; otherwise the whole quantity is bought (PRC-2). That avoids
splitting one request over stock and a PO, which planning would see as two arrivals.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from contracts.events.procurement import SupplySource
from procurement.domain.errors import StockShort


@dataclass
class StockLevel:
    """One company's holding of one material. `reserved` is promised to requests."""

    company_id: str
    material_code: str
    on_hand: Decimal = Decimal(0)
    reserved: Decimal = Decimal(0)

    @property
    def available(self) -> Decimal:
        return self.on_hand - self.reserved

    def reserve(self, quantity: Decimal) -> None:
        if quantity <= 0 or quantity > self.available:
            raise StockShort(f"cannot reserve {quantity} of {self.material_code} at "
                             f"{self.company_id}: {self.available} available")
        self.reserved += quantity

    def issue_for_transfer(self, quantity: Decimal) -> None:
        """Stock leaves this store for a sister company (PRC-3)."""
        if quantity <= 0 or quantity > self.available:
            raise StockShort(f"cannot transfer {quantity} of {self.material_code} from "
                             f"{self.company_id}: {self.available} available")
        self.on_hand -= quantity

    def put_away(self, quantity: Decimal, *, reserve: bool) -> None:
        """Goods enter the store (a transfer in, or a lot accepted by IQC)."""
        if quantity <= 0:
            raise StockShort("only a positive quantity can be put away")
        self.on_hand += quantity
        if reserve:
            self.reserved += quantity


@dataclass(frozen=True)
class StockMatch:
    """Where a request is covered from: own store (`stock`) or a sister's (`transfer`)."""

    source: SupplySource
    from_company: str
    quantity: Decimal


def match_stock(company_id: str, quantity: Decimal,
                levels: Iterable[StockLevel]) -> StockMatch | None:
    """PRC-1 then PRC-3: own stock first, then the sister company with most available.

    `levels` are every company's holdings of the requested material (group-wide, CO-2).
    None means no single store can cover the quantity: buy it (PRC-2).
    """
    levels = list(levels)
    own = [lv for lv in levels if lv.company_id == company_id and lv.available >= quantity]
    if own:
        return StockMatch(SupplySource.STOCK, company_id, quantity)
    sisters = sorted(
        (lv for lv in levels if lv.company_id != company_id and lv.available >= quantity),
        key=lambda lv: (-lv.available, lv.company_id),
    )
    if sisters:
        return StockMatch(SupplySource.TRANSFER, sisters[0].company_id, quantity)
    return None


def cover_from_stock(match: StockMatch, company_id: str, material_code: str,
                     levels: dict[str, StockLevel]) -> list[StockLevel]:
    """Apply a match: reserve own stock, or move a sister's stock here and reserve it.

    `levels` maps company_id -> holding of this material; a missing holding of the
    requesting company is created. Returns the holdings that changed.
    """
    if match.source == SupplySource.STOCK:
        own = levels[company_id]
        own.reserve(match.quantity)
        return [own]
    source = levels[match.from_company]
    source.issue_for_transfer(match.quantity)
    target = levels.get(company_id) or StockLevel(company_id, material_code)
    levels[company_id] = target
    target.put_away(match.quantity, reserve=True)
    return [source, target]
