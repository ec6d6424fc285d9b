"""Make-to-stock replenishment (PLN-11): standard items kept between a min and a max level.

A planner sets a standard item's finished-goods levels; the store's count says what is on
hand. When what is on hand plus what is already being made falls below the minimum, a
replenishment order (MTS-...) is planned for the quantity that brings stock back up to the
maximum. It is planned like a customer's order (work orders, material requests, published
by a planner), but it is nobody's order: when customer orders need the capacity to meet
their dates, the replenishment work not yet started yields and is re-placed into what they
leave free. Finished goods of a replenishment order put into the store raise what is on hand.
Pure.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

from planning.domain.errors import PlanningRejected
from planning.domain.live_plan import (
    Downtime,
    LiveOperation,
    Replan,
    changes,
    join_spans,
    live_view,
    spans_of,
)
from planning.domain.master_data import WorkCentreSpec
from planning.scheduling.repair import right_shift

PREFIX = "MTS"  # the replenishment order's number: MTS-<company>-<n>


def is_replenishment(order_no: str) -> bool:
    return order_no.startswith(f"{PREFIX}-")


@dataclass
class StockTarget:
    """One standard item's finished-goods levels in one company, and what is on hand."""

    company_id: str
    product_code: str
    minimum: Decimal
    maximum: Decimal
    on_hand: Decimal = Decimal(0)
    set_by: str = ""
    set_at: datetime | None = None
    counted_by: str | None = None
    counted_at: datetime | None = None

    def __post_init__(self) -> None:
        _check_levels(self.minimum, self.maximum)

    def set_levels(self, minimum: Decimal, maximum: Decimal, by: str, at: datetime) -> None:
        _check_levels(minimum, maximum)
        self.minimum, self.maximum, self.set_by, self.set_at = minimum, maximum, by, at

    def count(self, on_hand: Decimal, by: str, at: datetime) -> None:
        """The store's count of the item (a stock take): what is on hand from now on."""
        if on_hand < 0:
            raise PlanningRejected("a count cannot be negative", {"on_hand": str(on_hand)})
        self.on_hand, self.counted_by, self.counted_at = on_hand, by, at

    def stocked(self, quantity: Decimal) -> None:
        """A replenishment order's finished goods went into the store."""
        self.on_hand += quantity

    def shortfall(self, being_made: Decimal) -> Decimal:
        """What to make now: up to the maximum once on hand plus being made is below the
        minimum; nothing while it is not (no order for every unit taken out)."""
        projected = self.on_hand + being_made
        return self.maximum - projected if projected < self.minimum else Decimal(0)


def _check_levels(minimum: Decimal, maximum: Decimal) -> None:
    if minimum < 0 or maximum <= 0 or maximum < minimum:
        raise PlanningRejected(
            f"stock levels need 0 <= minimum <= maximum and a maximum above 0 (got minimum "
            f"{minimum}, maximum {maximum})",
            {"minimum": str(minimum), "maximum": str(maximum)})


@dataclass(frozen=True)
class ReplenishmentLine:
    line_no: int
    product_code: str
    quantity: Decimal


@dataclass(frozen=True)
class ReplenishmentOrder:
    """Planning's own production instruction for stock: decomposed like a customer's."""

    order_no: str
    issued_at: datetime
    lines: tuple[ReplenishmentLine, ...] = field(default_factory=tuple)
    complete_set: bool = False
    non_regular: bool = False

    @property
    def instruction_no(self) -> str:
        return self.order_no


def replenishment_order(order_no: str, target: StockTarget, quantity: Decimal,
                        at: datetime) -> ReplenishmentOrder:
    return ReplenishmentOrder(order_no, at, (
        ReplenishmentLine(1, target.product_code, quantity),))


def late_lines(finishes: list[tuple[date, date | None]]) -> bool:
    """Whether any line finishes (local date) after the date it is owed."""
    return any(owed is not None and finish > owed for finish, owed in finishes)


def yield_to_customers(centres: list[WorkCentreSpec], operations: list[LiveOperation],
                       now: datetime, downtime: list[Downtime] = ()) -> Replan:
    """The replenishment work moved clear of every customer order's operations (PLN-11)
    and of the work centres' breakdowns: customer work stays exactly where it is;
    replenishment keeps its sequence on each work centre and moves later only as far as it
    must. Started operations stay (frozen)."""
    stock_ops = [op for op in operations if is_replenishment(op.order_no)]
    view = live_view(centres, stock_ops, now, downtime=downtime)
    blocked = spans_of([op for op in operations if not is_replenishment(op.order_no)], now,
                       {wc.code for wc in centres})
    return changes(view, right_shift(view.problem, view.schedule,
                                     join_spans(view.downtime, blocked),
                                     method="repair:replenishment-yields"))
