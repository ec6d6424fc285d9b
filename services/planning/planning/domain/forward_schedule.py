"""Forward scheduling over work-centre calendars (PLN-5), through the scheduling engine.

New work is placed, operation by operation in routing order, into the earliest free time of
its work centre after what is already committed (the open work orders' operations), after its
materials arrive and after design (non-regular orders). This is the engine's capable-to-promise
placement (`planning.scheduling.CapacityIndex`), so the dates a plan gets and the dates a
review is promised come from one rule, and the engine says which constraint bound each date.

Materials come from planning.domain.material_promise: own or a sister's stock, open supply,
or a purchase whose lead time counts working days on the group's one calendar (the calendar
procurement confirms dates with). Simplifications, stated: a work centre with
`parallel_units` n works a line's batch n units at a time (duration divided by n); all of a
line's materials are needed at its first operation.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from functools import lru_cache

from planning.domain.budget import Budget
from planning.domain.errors import BeyondHorizon, MasterDataIncomplete
from planning.domain.master_data import MasterData, Product, WorkCentreSpec
from planning.domain.material_promise import CO_PRODUCTION, MaterialPromise, Supply
from planning.domain.mrp import explode
from planning.domain.work_orders import PlannedOperation
from planning.scheduling import (
    CapacityIndex,
    MaterialNeed,
    Operation,
    Problem,
    Schedule,
    ScheduledOperation,
    WorkCentre,
    WorkOrder,
    shift_calendar,
)
from planning.scheduling.work_calendar import (
    SHANGHAI,
    CalendarExhausted,
    format_minutes,
    is_chinese_workday,
    to_datetime,
    to_minutes,
)

HORIZON_DAYS = 800


@dataclass(frozen=True)
class Booking:
    """Committed time on a work centre: an operation of an open work order."""

    work_centre: str
    start: datetime
    finish: datetime


@dataclass(frozen=True)
class PlacedLine:
    product_code: str
    quantity: Decimal
    operations: tuple[PlannedOperation, ...]
    binding_kind: str  # capacity | material | co_production | design | none
    binding_constraint: str  # in words

    @property
    def start(self) -> datetime:
        return self.operations[0].planned_start

    @property
    def finish(self) -> datetime:
        return self.operations[-1].planned_finish


@lru_cache(maxsize=8192)
def _is_workday(day: date) -> bool:
    return is_chinese_workday(day)  # the library validates every call: slow, and fixed


@lru_cache(maxsize=64)
def _workdays(first: date, days: int) -> frozenset[date]:
    return frozenset(d for d in (first + timedelta(days=i) for i in range(days))
                     if _is_workday(d))


def design_release(origin: datetime, design_days: int) -> datetime | None:
    """Production may start after `design_days` working days of design (SAL-3, PLN-1)."""
    if design_days <= 0:
        return None
    day = origin.astimezone(SHANGHAI).date()
    remaining = design_days
    while remaining:
        day += timedelta(days=1)
        if _is_workday(day):
            remaining -= 1
    return datetime.combine(day + timedelta(days=1), time(0, 0), SHANGHAI)


def promise_materials(master: MasterData, company_id: str, product: Product,
                      quantity: Decimal, now: datetime, supply: Supply
                      ) -> tuple[MaterialPromise, ...]:
    """Each material of one line, from stock, open supply or a purchase (PLN-2, PLN-4)."""
    def one(code: str, qty: Decimal) -> MaterialPromise:
        part = master.co_produced.get(code)
        if part is not None and part.maker_company_id != company_id:  # CO-1
            return supply.co_production(code, qty, part.maker_company_id, part.lead_days, now)
        return supply.promise(company_id, code, qty, master.lead_days(code), now)

    return tuple(one(code, qty) for code, qty in sorted(explode(product, quantity).items()))


class Plant:
    """One company's work centres from `origin` on, with the time already committed."""

    def __init__(self, centres: list[WorkCentreSpec], origin: datetime,
                 bookings: list[Booking] = (), horizon_days: int = HORIZON_DAYS,
                 budget: Budget | None = None):
        self.origin = origin
        self.horizon_days = horizon_days
        self.specs = {c.code: c for c in centres}
        workdays = _workdays(origin.astimezone(SHANGHAI).date(), horizon_days)
        calendars = {}
        for c in centres:  # centres on the same shifts share one calendar
            if c.shifts not in calendars:
                calendars[c.shifts] = shift_calendar(origin, horizon_days, c.shifts, workdays)
        self.problem = Problem(tuple(
            WorkCentre(c.code, c.name, calendars[c.shifts]) for c in centres), (), origin)
        self.schedule = Schedule({}, method="committed", objective=0)
        for i, booking in enumerate(bookings):
            if budget is not None and i % 500 == 0:  # a big plan takes a while to read in
                budget.check(f"reading the committed plan ({i} of {len(bookings)})")
            if booking.work_centre not in self.specs:
                continue
            start = max(0, to_minutes(origin, booking.start))
            # to the minute after: a booking held to the second ends within its last minute,
            # and the next work may not start before it does
            end = -to_minutes(booking.finish, origin)
            if end > start:
                self._book(f"booked/{i}", "booked", booking.work_centre, start, end)
        self._placed = 0
        if budget is not None:
            budget.check("indexing the committed plan")
        # built once from the committed work, then kept current as lines are placed: a
        # question against a 10,000-operation plan costs one sort, not one per line
        self.index = CapacityIndex(self.problem, self.schedule,
                                   budget.check if budget is not None else None)

    def _book(self, op_id: str, order_id: str, centre: str, start: int, end: int) -> None:
        self.schedule.operations[op_id] = ScheduledOperation(op_id, order_id, centre, start, end)
        if hasattr(self, "index"):
            self.index.add(centre, start, end)

    def duration(self, centre: str, minutes_per_unit: int, quantity: Decimal) -> int:
        parallel = max(1, self.specs[centre].parallel_units)
        return max(1, math.ceil(Decimal(minutes_per_unit) * quantity / parallel))

    def fork(self) -> Plant:
        """A copy to place a question's lines on, leaving this plant's committed work as it
        is (the calendars are shared, the booked intervals copied)."""
        copy = object.__new__(Plant)
        copy.__dict__.update(self.__dict__)
        copy.schedule = Schedule({}, method="committed", objective=0)
        copy.index = self.index.copy()
        return copy

    def place(self, product: Product, quantity: Decimal,
              materials: tuple[MaterialPromise, ...] = (),
              release: datetime | None = None, design_days: int = 0,
              not_before: datetime | None = None) -> PlacedLine:
        """Place one line's routing after the committed work; it becomes committed too."""
        missing = [s.work_centre for s in product.routing if s.work_centre not in self.specs]
        if missing or not product.routing:
            raise MasterDataIncomplete(
                f"product {product.product_code}: its routing uses unknown work centres "
                f"{missing}" if missing else f"product {product.product_code} has no routing",
                {"product_code": product.product_code})
        self._placed += 1
        order_id = f"new/{self._placed}"
        needs = tuple(
            MaterialNeed(m.material_code, max(0, to_minutes(self.origin, m.ready_at)),
                         _source_words(m))
            for m in materials if m.ready_at > max(self.origin, not_before or self.origin))
        ops = tuple(
            Operation(f"{order_id}/{step.step}", step.work_centre,
                      self.duration(step.work_centre, step.minutes_per_unit, quantity),
                      needs if k == 0 else ())
            for k, step in enumerate(product.routing))
        starts = [to_minutes(self.origin, t) for t in (release, not_before) if t is not None]
        order = WorkOrder(order_id, ops, due=2**40, release=max([0, *starts]))
        try:
            promise = self.index.promise(order)
        except CalendarExhausted:
            raise BeyondHorizon(
                f"{quantity.normalize():f} x {product.product_code} cannot be finished within "
                f"planning's horizon of {self.horizon_days} days from "
                f"{local_date(self.origin).isoformat()}: the work centres are too busy or the "
                "quantity too large", {"product_code": product.product_code,
                                       "horizon_days": self.horizon_days}) from None
        for placed in promise.operations:
            self._book(placed.op_id, order_id, placed.work_centre, placed.start, placed.end)
        planned = tuple(
            PlannedOperation(step.step, placed.work_centre,
                             to_datetime(self.origin, placed.start),
                             to_datetime(self.origin, placed.end))
            for step, placed in zip(product.routing, promise.operations, strict=True))
        kind, sentence = self._explain(promise.binding, design_days)
        if kind == "material" and promise.binding.subject in {
                m.material_code for m in materials if m.source == CO_PRODUCTION}:
            kind = "co_production"  # PLN-2: the co-production lead time at the maker binds
        return PlacedLine(product.product_code, quantity, planned, kind, sentence)

    def _explain(self, binding, design_days: int) -> tuple[str, str]:
        if binding.kind == "work_centre_capacity":
            return "capacity", binding.sentence
        if binding.kind == "material_lead_time":
            return "material", binding.sentence
        if binding.kind == "release" and design_days <= 0:  # only `not_before`: nothing waits
            when = format_minutes(self.origin, binding.until)
            return "none", f"nothing waits: production can start {when}"
        if binding.kind == "release":
            when = format_minutes(self.origin, binding.until)
            return "design", (f"design of the non-regular order takes {design_days} working "
                              f"days: production can start {when}")
        return "none", binding.sentence  # processing time: nothing waits


def _source_words(m: MaterialPromise) -> str:
    if m.source == "sister_stock":
        return f"by transfer from {m.from_company}'s stock, {m.working_days} working day"
    if m.source == CO_PRODUCTION:
        return f"co-production lead time at {m.from_company}: {m.working_days} working days"
    if m.source == "open_supply":
        return "confirmed purchase order"
    return f"supplier lead time {m.working_days} working days"


def local_date(moment: datetime) -> date:
    return moment.astimezone(SHANGHAI).date()


_COMMITTED: dict[tuple, Plant] = {}
_COMMITTED_KEEP = 8  # plants kept: a few companies' current plans


def committed_plant(centres: list[WorkCentreSpec], bookings: list[Booking], now: datetime,
                    budget: Budget | None = None) -> Plant:
    """The company's committed work as a plant from the start of `now`'s day, built once per
    distinct plan and reused by every question until the plan changes (PLN-2): questions
    against a 10,000-operation plan then cost a copy, not a rebuild. Place with
    `not_before=now` on a `fork()`."""
    origin = datetime.combine(local_date(now), time(0, 0), SHANGHAI)
    key = (tuple(centres), origin, tuple(bookings))
    plant = _COMMITTED.get(key)
    if plant is None:
        if len(_COMMITTED) >= _COMMITTED_KEEP:
            _COMMITTED.pop(next(iter(_COMMITTED)))
        plant = Plant(centres, origin, bookings, budget=budget)
        _COMMITTED[key] = plant
    return plant


def place_order(master: MasterData, company_id: str, lines: list[tuple[Product, Decimal]],
                bookings: list[Booking], now: datetime, design_days: int, budget: Budget,
                supply: Supply | None = None) -> list[PlacedLine]:
    """Place an order's lines, in order, after the committed work (PLN-1, PLN-5): the dates
    its work orders get. Within `budget` (CouldNotDecide beyond it)."""
    release = design_release(now, design_days)
    plant = Plant(master.centres_of(company_id), now, bookings)
    supply = supply or Supply()
    placed = []
    for number, (product, quantity) in enumerate(lines, 1):
        budget.check(f"placing line {number} of {len(lines)}")
        materials = promise_materials(master, company_id, product, quantity, now, supply)
        placed.append(plant.place(product, quantity, materials, release, design_days))
    return placed
