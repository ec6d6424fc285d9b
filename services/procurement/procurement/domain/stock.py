"""Stock in store and how a material request is covered from it (PRC-1, PRC-3, CO-2).

Stock is group-wide visible (CO-2): every company's store can cover a request. A request
first takes what the group holds — the requesting company's own store first (PRC-1),
then its sisters' stores, the one with most available first (PRC-3, by transfer) — and
only the rest is bought (PRC-2): 60 % in a sister's store means a transfer for that 60 %
and a purchase order for the other 40 %.

Own stock is reserved at once. A sister's stock is reserved *in the sister's store*
while the transfer is requested and in transit; it moves into the requester's store
only when the requester receives it (domain/transfers.py).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

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

    def release(self, quantity: Decimal) -> None:
        """A reservation shrinks (a customer change reduced the request, SAL-8)."""
        self.reserved -= min(quantity, self.reserved)

    def issue_reserved(self, quantity: Decimal) -> None:
        """Reserved stock leaves this store: a transfer received by a sister (PRC-3)."""
        if quantity <= 0 or quantity > self.reserved or quantity > self.on_hand:
            raise StockShort(f"cannot issue {quantity} of {self.material_code} from "
                             f"{self.company_id}: {self.reserved} reserved")
        self.on_hand -= quantity
        self.reserved -= quantity

    def put_away(self, quantity: Decimal, *, reserve: bool) -> None:
        """Goods enter the store (a transfer in, or a lot accepted by IQC)."""
        if quantity <= 0:
            raise StockShort("only a positive quantity can be put away")
        self.on_hand += quantity
        if reserve:
            self.reserved += quantity


@dataclass(frozen=True)
class StockCover:
    """How much of a request the group's stores cover (PRC-1, PRC-3) and what is bought."""

    own: Decimal = Decimal(0)
    transfers: tuple[tuple[str, Decimal], ...] = field(default=())  # (sister, quantity)
    to_buy: Decimal = Decimal(0)


def plan_cover(company_id: str, quantity: Decimal,
               levels: Iterable[StockLevel]) -> StockCover:
    """PRC-1 own store first, PRC-3 then the sisters (most available first), PRC-2 the rest.

    `levels` are every company's holdings of the requested material (group-wide, CO-2).
    """
    levels = list(levels)
    rest = quantity
    own = Decimal(0)
    for level in levels:
        if level.company_id == company_id and level.available > 0:
            own = min(level.available, rest)
            rest -= own
    transfers = []
    sisters = sorted((lv for lv in levels if lv.company_id != company_id and lv.available > 0),
                     key=lambda lv: (-lv.available, lv.company_id))
    for level in sisters:
        if rest <= 0:
            break
        take = min(level.available, rest)
        transfers.append((level.company_id, take))
        rest -= take
    return StockCover(own=own, transfers=tuple(transfers), to_buy=rest)


def reserve_cover(cover: StockCover, company_id: str,
                  levels: dict[str, StockLevel]) -> list[StockLevel]:
    """Reserve what `cover` takes: in the requester's store and in each sister's (where it
    stays reserved until the transfer is received). Returns the holdings that changed."""
    changed = []
    if cover.own > 0:
        levels[company_id].reserve(cover.own)
        changed.append(levels[company_id])
    for sister, quantity in cover.transfers:
        levels[sister].reserve(quantity)
        changed.append(levels[sister])
    return changed
