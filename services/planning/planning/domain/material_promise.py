"""When a material can be in the requesting company's store, and from where (PLN-2, PLN-4).

Planning's promise mirrors procurement's matching (PRC-1, PRC-3, PRC-2) so that the date a
review is promised is the date the material will really come:

1. the company's own store, if it alone holds enough available stock: in store now;
2. a sister company's store, if one holds enough (group-wide stock, CO-2): transferred,
   in store after `TRANSFER_WORKING_DAYS`;
3. open supply already confirmed for this order (a purchase order's confirmed date);
4. otherwise bought: the supplier's lead time in **working days** on the group's one
   calendar (servicekit.workcalendar, the calendar procurement confirms dates with).

Stock facts are planning's copy of procurement's `procurement.stock_level_changed` events
(never procurement's tables). A question with several lines draws on one pool: two lines
cannot both be promised the same crate.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

from servicekit.workcalendar import DEFAULT_CALENDAR, WorkCalendar

# PRC-3: a sister company's store hands over by transfer; planning allows one working day
# for the haul between the group's sites before the material counts as in store.
TRANSFER_WORKING_DAYS = 1

OWN_STOCK, SISTER_STOCK, OPEN_SUPPLY, PURCHASE = ("own_stock", "sister_stock", "open_supply",
                                                  "purchase")
CO_PRODUCTION = "co_production"  # made by a sister on a co-production instruction (CO-1)


@dataclass(frozen=True)
class StockFact:
    """What one company's store holds of one material, as procurement last reported it."""

    company_id: str
    material_code: str
    available: Decimal


@dataclass(frozen=True)
class MaterialPromise:
    """One material of one line: how much, from where, in store when, and why."""

    material_code: str
    quantity: Decimal
    source: str  # own_stock | sister_stock | open_supply | purchase
    from_company: str | None
    ready_at: datetime
    working_days: int
    sentence: str


@dataclass
class Supply:
    """The stock pool and open supply one feasibility question draws on."""

    stock: dict[str, list[StockFact]] = field(default_factory=dict)  # by material
    open_supply: dict[str, date] = field(default_factory=dict)  # material -> confirmed date
    calendar: WorkCalendar = DEFAULT_CALENDAR
    _used: dict[tuple[str, str], Decimal] = field(default_factory=dict)

    @classmethod
    def of(cls, facts: Iterable[StockFact], open_supply: dict[str, date] | None = None,
           calendar: WorkCalendar = DEFAULT_CALENDAR) -> Supply:
        stock: dict[str, list[StockFact]] = {}
        for fact in facts:
            stock.setdefault(fact.material_code, []).append(fact)
        return cls(stock, dict(open_supply or {}), calendar)

    def _left(self, fact: StockFact) -> Decimal:
        return fact.available - self._used.get((fact.company_id, fact.material_code), 0)

    def _take(self, fact: StockFact, quantity: Decimal) -> None:
        key = (fact.company_id, fact.material_code)
        self._used[key] = self._used.get(key, Decimal(0)) + quantity

    def _in_store(self, now: datetime, working_days: int) -> datetime:
        if working_days <= 0:
            return now
        arrival = self.calendar.add_working_days(now, working_days).date()
        return max(now, self.calendar.start_of_business(arrival))

    def co_production(self, material_code: str, quantity: Decimal, maker: str,
                      lead_days: int, now: datetime) -> MaterialPromise:
        """CO-1, PLN-12: a part a sister makes is in the requester's store after the
        co-production lead time at the maker (working days on the group's calendar)."""
        ready = self._in_store(now, lead_days)
        return MaterialPromise(
            material_code, quantity, CO_PRODUCTION, maker, ready, lead_days,
            f"{quantity.normalize():f} {material_code} made by sister company {maker} on a "
            f"co-production instruction (CO-1): co-production lead time at {maker} "
            f"{lead_days} working days, in store {ready:%Y-%m-%d} (PLN-12)")

    def promise(self, company_id: str, material_code: str, quantity: Decimal,
                lead_days: int, now: datetime) -> MaterialPromise:
        """The earliest the material can be in `company_id`'s store (PRC-1, -3, -2 order)."""
        amount = f"{quantity.normalize():f} {material_code}"
        facts = self.stock.get(material_code, [])
        own = [f for f in facts if f.company_id == company_id and self._left(f) >= quantity]
        if own:
            self._take(own[0], quantity)
            return MaterialPromise(material_code, quantity, OWN_STOCK, company_id, now, 0,
                                   f"{amount} in {company_id}'s own store now (PRC-1)")
        sisters = sorted((f for f in facts if f.company_id != company_id
                          and self._left(f) >= quantity),
                         key=lambda f: (-self._left(f), f.company_id))
        if sisters:
            sister = sisters[0]
            self._take(sister, quantity)
            # in store from the start of business on the day it arrives, as a purchase is
            ready = self._in_store(now, TRANSFER_WORKING_DAYS)
            return MaterialPromise(
                material_code, quantity, SISTER_STOCK, sister.company_id, ready,
                TRANSFER_WORKING_DAYS,
                f"{amount} from sister company {sister.company_id}'s stock by transfer "
                f"(PRC-3), in store {ready:%Y-%m-%d} ({TRANSFER_WORKING_DAYS} working day)")
        if material_code in self.open_supply:
            due = self.open_supply[material_code]
            ready = max(now, self.calendar.start_of_business(due))
            days = max(0, self.calendar.working_days_between(now, ready))
            return MaterialPromise(material_code, quantity, OPEN_SUPPLY, None, ready, days,
                                   f"{amount} on order, confirmed for {due.isoformat()}")
        arrival = self.calendar.add_working_days(now, lead_days).date()
        ready = self._in_store(now, lead_days)
        return MaterialPromise(
            material_code, quantity, PURCHASE, None, ready, lead_days,
            f"{amount} must be bought: supplier lead time {lead_days} working days, in store "
            f"{arrival.isoformat()} (PRC-2)")
