"""Closing a production order (PLN-13, 结算): planned against actual quantity, scrap and cost
are reconciled once the order is complete (stocked, PLN-12), and the order is closed.

- quantities: planned = the work orders' quantities; produced = what the shop floor
  completed (PLN-8); scrapped = quality's scrap dispositions on the order (QLT-4, reaching
  planning as scrap records); good = produced - scrapped; variance = good - planned.
  A scrap record without a quantity counts one unit (`defective_units`); one naming no
  product of the plan counts on the order's totals only (`unattributed_scrapped`), unless
  the plan makes a single product.
- hours: standard hours from the routing (minutes per unit x quantity) for the planned and
  the good quantity; actual hours as the planner books them at closing, if given.
- cost: planning holds no prices (procurement's purchase prices do not reach it, nor does a
  labour rate), so the actual cost is entered by the planner at closing and the planned
  cost is the budget the planner enters, if any; `COST_BASIS` says so on every closing.

Pure: no framework, no I/O.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal

from contracts.events.planning import PlanStatus
from planning.domain.errors import StepRefused
from planning.domain.plan import COMPLETED, Plan
from planning.domain.rework_orders import REWORK, SCRAP, ReworkOrder

PREFIX = "CLS"
CLOSED = PlanStatus.CLOSED
HOURS = Decimal("0.01")
COST_BASIS = ("entered by the planner at closing: planning holds no material prices or "
              "labour rates (procurement's purchase prices do not reach planning); the "
              "planned cost is the planner's budget where given")


def defective_units(record: ReworkOrder) -> Decimal:
    """Units an NCR's record names; one where it names none (QLT-4 allows that)."""
    return record.quantity if record.quantity is not None else Decimal(1)


def standard_hours(minutes_per_unit: int, quantity: Decimal) -> Decimal:
    return (Decimal(minutes_per_unit) * quantity / 60).quantize(HOURS)


@dataclass(frozen=True)
class ClosingLine:
    product_code: str
    planned_quantity: Decimal
    produced_quantity: Decimal
    scrapped_quantity: Decimal

    @property
    def good_quantity(self) -> Decimal:
        return max(Decimal(0), self.produced_quantity - self.scrapped_quantity)

    @property
    def quantity_variance(self) -> Decimal:
        return self.good_quantity - self.planned_quantity


@dataclass(frozen=True)
class CostEntry:
    """What the planner enters at closing (money in `currency`, Decimal)."""

    actual_cost: Decimal
    planned_cost: Decimal | None = None
    actual_hours: Decimal | None = None
    currency: str = "CNY"
    note: str = ""


@dataclass
class Closing:
    closing_no: str
    order_no: str
    plan_no: str
    company_id: str
    closed_by: str
    closed_at: datetime
    planned_completion: datetime
    completed_at: datetime
    lines: list[ClosingLine]
    unattributed_scrapped: Decimal
    reworked_quantity: Decimal
    scrap_records: list[str]
    standard_hours: Decimal  # of the planned quantity
    earned_hours: Decimal  # of the good quantity
    actual_cost: Decimal
    planned_cost: Decimal | None = None
    actual_hours: Decimal | None = None
    currency: str = "CNY"
    note: str = ""
    cost_basis: str = COST_BASIS
    work_centres: list[str] = field(default_factory=list)

    @property
    def planned_quantity(self) -> Decimal:
        return sum((line.planned_quantity for line in self.lines), Decimal(0))

    @property
    def produced_quantity(self) -> Decimal:
        return sum((line.produced_quantity for line in self.lines), Decimal(0))

    @property
    def scrapped_quantity(self) -> Decimal:
        return sum((line.scrapped_quantity for line in self.lines), self.unattributed_scrapped)

    @property
    def good_quantity(self) -> Decimal:
        return max(Decimal(0), self.produced_quantity - self.scrapped_quantity)

    @property
    def quantity_variance(self) -> Decimal:
        return self.good_quantity - self.planned_quantity

    @property
    def on_time(self) -> bool:
        """Stocked (PLN-12) by the plan's completion."""
        return self.completed_at <= self.planned_completion

    @property
    def cost_variance(self) -> Decimal | None:
        """Actual minus planned cost; none without a planned cost."""
        return None if self.planned_cost is None else self.actual_cost - self.planned_cost

    @property
    def efficiency(self) -> Decimal | None:
        """Earned standard hours per actual hour; none without actual hours."""
        if not self.actual_hours:
            return None
        return (self.earned_hours / self.actual_hours).quantize(Decimal("0.0001"))


def closable(plan: Plan) -> None:
    """Refused unless the plan is complete (stocked, PLN-12) and not closed yet."""
    if plan.status == CLOSED:
        raise StepRefused(f"order {plan.order_no} is closed already (PLN-13)",
                          {"status": str(plan.status)})
    if plan.status != COMPLETED or plan.stocked_at is None:
        raise StepRefused(f"the plan of order {plan.order_no} is {plan.status}: an order is "
                          "closed once it is complete, packed and stocked (PLN-12, PLN-13)",
                          {"status": str(plan.status)})


def close(plan: Plan, records: Iterable[ReworkOrder], minutes_per_unit: Mapping[str, int],
          entry: CostEntry, *, closing_no: str, by: str, at: datetime) -> Closing:
    """PLN-13: the reconciliation of a completed plan. Refused unless the plan is complete
    (stocked, PLN-12), and a second time; the plan is closed."""
    closable(plan)
    planned: dict[str, Decimal] = {}
    produced: dict[str, Decimal] = {}
    for wo in plan.work_orders:
        planned[wo.product_code] = planned.get(wo.product_code, Decimal(0)) + wo.quantity
        produced[wo.product_code] = produced.get(wo.product_code, Decimal(0)) \
            + wo.completed_quantity
    records = [r for r in records if r.order_no == plan.order_no]
    scrapped = {code: Decimal(0) for code in planned}
    unattributed = Decimal(0)
    for record in (r for r in records if r.kind == SCRAP):
        code = record.product_code if record.product_code in planned else (
            next(iter(planned)) if len(planned) == 1 else None)
        if code is None:
            unattributed += defective_units(record)
        else:
            scrapped[code] += defective_units(record)
    lines = [ClosingLine(code, planned[code], produced[code], scrapped[code])
             for code in planned]
    plan.status = CLOSED
    return Closing(
        closing_no=closing_no, order_no=plan.order_no, plan_no=plan.plan_no,
        company_id=plan.company_id, closed_by=by, closed_at=at,
        planned_completion=plan.planned_completion, completed_at=plan.stocked_at,
        lines=lines, unattributed_scrapped=unattributed,
        reworked_quantity=sum((defective_units(r) for r in records if r.kind == REWORK),
                              Decimal(0)),
        scrap_records=sorted(r.rework_order_no for r in records if r.kind == SCRAP),
        standard_hours=sum((standard_hours(minutes_per_unit.get(line.product_code, 0),
                                           line.planned_quantity) for line in lines),
                           Decimal(0)),
        earned_hours=sum((standard_hours(minutes_per_unit.get(line.product_code, 0),
                                         line.good_quantity) for line in lines), Decimal(0)),
        actual_cost=entry.actual_cost, planned_cost=entry.planned_cost,
        actual_hours=entry.actual_hours, currency=entry.currency, note=entry.note,
        work_centres=sorted({op.work_centre for wo in plan.work_orders
                             for op in wo.operations}))


def minutes_per_unit(products: Mapping) -> dict[str, int]:
    """Each product's routing minutes per unit, all steps (master data, PLN-5)."""
    return {code: sum(step.minutes_per_unit for step in product.routing)
            for code, product in products.items()}
