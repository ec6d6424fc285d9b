"""Production statistics of a period (PLN-14): efficiency, defect rate, equipment
utilisation, on-time rate, per company and work centre. Pure: no framework, no I/O.

The period is local dates (Asia/Shanghai), both inclusive, at most `MAX_DAYS` long. Each
figure counts what happened in it:

- efficiency: output = completed of planned units, of the work orders planned to finish in
  the period; hours = earned standard hours (routing minutes x good units) per actual hour
  booked, of the orders closed in the period that booked hours (PLN-13);
- defect rate: defective units of quality's NCR records (scrap and rework, QLT-4) made in
  the period, of the units of work orders done in it; a record naming no quantity counts
  one unit;
- equipment utilisation: per work centre, the working minutes its scheduled operations
  occupy in the period (PLN-5: an operation holds its centre across shift breaks, consuming
  working minutes only), of the working minutes its shifts offer on the company calendar;
- on-time rate: work orders done in the period by their planned finish; orders stocked
  (complete, PLN-12) in the period by the plan's completion.

With a work centre: its own utilisation, and the work orders, orders, NCR records and
closings of orders with an operation there. Rates are truncated to 4 places; none where
nothing was counted.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import ROUND_DOWN, Decimal

from planning.domain.budget import Budget
from planning.domain.closing import HOURS, defective_units
from planning.domain.errors import PlanningRejected
from planning.domain.master_data import WorkCentreSpec
from planning.domain.rework_orders import REWORK, SCRAP, ReworkOrder
from planning.domain.work_orders import PlannedOperation, WorkOrder
from planning.scheduling.work_calendar import (
    SHANGHAI,
    is_chinese_workday,
    shift_calendar,
    to_minutes,
)

MAX_DAYS = 366
PLACES = Decimal("0.0001")
CHECK_EVERY = 500  # items between two looks at the time budget


@dataclass(frozen=True)
class Period:
    start: date
    end: date  # inclusive

    def __post_init__(self):
        if self.end < self.start:
            raise PlanningRejected("the period ends before it starts",
                                   {"from": self.start.isoformat(), "to": self.end.isoformat()})
        if self.days > MAX_DAYS:
            raise PlanningRejected(f"a statistics period spans at most {MAX_DAYS} days",
                                   {"days": self.days})

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    @property
    def begins(self) -> datetime:
        return datetime.combine(self.start, time(0), SHANGHAI)

    @property
    def ends(self) -> datetime:  # exclusive
        return datetime.combine(self.end + timedelta(days=1), time(0), SHANGHAI)

    def holds(self, moment: datetime | None) -> bool:
        return moment is not None and self.begins <= moment < self.ends


@dataclass(frozen=True)
class OrderFact:
    """An order's plan as the statistics read it."""

    order_no: str
    company_id: str
    planned_completion: datetime
    completed_at: datetime | None  # stocked (PLN-12)


@dataclass(frozen=True)
class ClosingFact:
    order_no: str
    company_id: str
    closed_at: datetime
    earned_hours: Decimal
    actual_hours: Decimal | None


@dataclass(frozen=True)
class Facts:
    """What planning holds of the period, read by the use case."""

    work_orders: Sequence[WorkOrder]  # planned to finish, done, or operating in the period
    orders: Sequence[OrderFact]  # stocked in the period
    records: Sequence[ReworkOrder]  # NCR records made in the period
    closings: Sequence[ClosingFact]  # closed in the period
    centres: Sequence[WorkCentreSpec]
    centres_of_order: dict[str, frozenset[str]]  # every work centre an order's plan uses


@dataclass(frozen=True)
class Efficiency:
    planned_quantity: Decimal
    produced_quantity: Decimal
    output_rate: Decimal | None
    closed_orders: int
    earned_hours: Decimal
    actual_hours: Decimal
    hours_efficiency: Decimal | None


@dataclass(frozen=True)
class Defects:
    produced_units: Decimal
    scrapped_units: Decimal
    reworked_units: Decimal
    defect_rate: Decimal | None

    @property
    def defective_units(self) -> Decimal:
        return self.scrapped_units + self.reworked_units


@dataclass(frozen=True)
class Utilisation:
    work_centre: str
    company_id: str
    available_hours: Decimal
    booked_hours: Decimal
    utilisation: Decimal | None


@dataclass(frozen=True)
class OnTime:
    work_orders_finished: int
    work_orders_on_time: int
    work_order_rate: Decimal | None
    orders_completed: int
    orders_on_time: int
    order_rate: Decimal | None


@dataclass(frozen=True)
class Statistics:
    period: Period
    efficiency: Efficiency
    defects: Defects
    utilisation: list[Utilisation]
    on_time: OnTime


def rate(part: Decimal | int, whole: Decimal | int) -> Decimal | None:
    if not whole:
        return None
    return (Decimal(part) / Decimal(whole)).quantize(PLACES, rounding=ROUND_DOWN)


def _hours(minutes: int) -> Decimal:
    return (Decimal(minutes) / 60).quantize(HOURS)


def _checked(items: Iterable, budget: Budget | None, doing: str):
    for i, item in enumerate(items):
        if budget is not None and i % CHECK_EVERY == 0:
            budget.check(f"{doing} ({i} read)")
        yield item


def compute(facts: Facts, period: Period, work_centre: str | None = None,
            budget: Budget | None = None) -> Statistics:
    """PLN-14: the period's figures from `facts`, within `budget`."""
    def counts(order_no: str) -> bool:
        return work_centre is None or work_centre in facts.centres_of_order.get(order_no, ())

    wos = [wo for wo in _checked(facts.work_orders, budget, "reading work orders")
           if counts(wo.order_no)]
    operations: dict[str, list] = {}  # every order's operations, by work centre
    for wo in _checked(facts.work_orders, budget, "reading operations"):
        for op in wo.operations:
            operations.setdefault(op.work_centre, []).append(op)
    return Statistics(
        period=period,
        efficiency=_efficiency(wos, [c for c in facts.closings if counts(c.order_no)], period),
        defects=_defects(wos, [r for r in facts.records if counts(r.order_no)], period),
        utilisation=[_utilisation(c, operations.get(c.code, []), period, budget)
                     for c in sorted(facts.centres, key=lambda c: c.code)
                     if work_centre in (None, c.code)],
        on_time=_on_time(wos, [o for o in facts.orders if counts(o.order_no)], period))


def _efficiency(wos: list[WorkOrder], closings: list[ClosingFact], period: Period
                ) -> Efficiency:
    due = [wo for wo in wos if period.holds(wo.planned_finish)]
    planned = sum((wo.quantity for wo in due), Decimal(0))
    produced = sum((wo.completed_quantity for wo in due), Decimal(0))
    booked = [c for c in closings if period.holds(c.closed_at) and c.actual_hours]
    earned = sum((c.earned_hours for c in booked), Decimal(0))
    actual = sum((c.actual_hours for c in booked), Decimal(0))
    return Efficiency(planned, produced, rate(produced, planned),
                      sum(1 for c in closings if period.holds(c.closed_at)), earned, actual,
                      rate(earned, actual))


def _defects(wos: list[WorkOrder], records: list[ReworkOrder], period: Period) -> Defects:
    produced = sum((wo.quantity for wo in wos if period.holds(wo.done_at)), Decimal(0))
    made = [r for r in records if period.holds(r.created_at)]
    scrapped = sum((defective_units(r) for r in made if r.kind == SCRAP), Decimal(0))
    reworked = sum((defective_units(r) for r in made if r.kind == REWORK), Decimal(0))
    return Defects(produced, scrapped, reworked, rate(scrapped + reworked, produced))


def _workdays(period: Period) -> list[date]:
    # a shift starting the day before the period may run into it
    first = period.start - timedelta(days=1)
    return [first + timedelta(days=i) for i in range(period.days + 1)
            if is_chinese_workday(first + timedelta(days=i))]


def _utilisation(centre: WorkCentreSpec, operations: list[PlannedOperation], period: Period,
                 budget: Budget | None) -> Utilisation:
    origin = period.begins - timedelta(days=1)
    calendar = shift_calendar(origin, period.days + 1, centre.shifts, _workdays(period))
    lo, hi = to_minutes(origin, period.begins), to_minutes(origin, period.ends)
    available = calendar.working_minutes(lo, hi)
    booked = 0
    for op in _checked(operations, budget, f"booking work centre {centre.code}"):
        start = max(lo, to_minutes(origin, op.planned_start))
        end = min(hi, to_minutes(origin, op.planned_finish))
        if end > start:
            booked += calendar.working_minutes(start, end)
    return Utilisation(centre.code, centre.company_id, _hours(available), _hours(booked),
                       rate(booked, available))


def _on_time(wos: list[WorkOrder], orders: list[OrderFact], period: Period) -> OnTime:
    finished = [wo for wo in wos if period.holds(wo.done_at)]
    punctual = sum(1 for wo in finished if wo.done_at <= wo.planned_finish)
    completed = [o for o in orders if period.holds(o.completed_at)]
    in_time = sum(1 for o in completed if o.completed_at <= o.planned_completion)
    return OnTime(len(finished), punctual, rate(punctual, len(finished)),
                  len(completed), in_time, rate(in_time, len(completed)))
