"""Delivery-date feasibility, capable-to-promise (PLN-2, SAL-2/3).

The earliest date each line could be finished, placed after the plant's committed work, its
materials' lead times and design time, and *why*: the binding constraint in words.

The engine names what the last wait was for. When a line is late, one more question decides
the answer: would it still be late if its materials and design were ready now? Then capacity
binds (committed load or the routing's own work content), whatever the engine's last wait was;
otherwise the engine's material or design wait is the reason.

Every line carries its pegging: the chain behind its date a planner can read (each
material with where it comes from and when it is in store, design, each operation on its
work centre), with the step that binds marked.

Pure: the caller runs it off the service's event loop, within a time budget (issue 8.3).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from planning.domain.budget import Budget
from planning.domain.errors import PlanningRejected
from planning.domain.forward_schedule import (
    Booking,
    PlacedLine,
    Plant,
    committed_plant,
    design_release,
    local_date,
    promise_materials,
)
from planning.domain.master_data import MasterData
from planning.domain.material_promise import MaterialPromise, Supply


@dataclass(frozen=True)
class Requested:
    """One line of the question: this much of a product by that date."""

    product_code: str
    quantity: Decimal
    requested_date: date


@dataclass(frozen=True)
class PeggingStep:
    """One link of the chain behind a line's date (PLN-2): what, from where, until when."""

    kind: str  # material | design | operation
    subject: str  # the material code, "design", or the work centre's code
    source: str  # own_stock | sister_stock | open_supply | purchase | design | work_centre
    ready_at: datetime  # in store / design released / operation finished
    sentence: str
    binding: bool = False
    start_at: datetime | None = None  # operations: when they start


@dataclass(frozen=True)
class LineAnswer:
    line_no: int
    product_code: str
    quantity: Decimal
    requested_date: date
    earliest_date: date
    feasible: bool
    binding_kind: str  # capacity | material | design | none
    binding_constraint: str
    pegging: tuple[PeggingStep, ...] = ()


@dataclass(frozen=True)
class Answer:
    feasible: bool
    earliest_date: date
    binding_kind: str
    binding_constraint: str
    lines: tuple[LineAnswer, ...]


def check_feasibility(company_id: str, lines: list[Requested], design_days: int,
                      master: MasterData, bookings: list[Booking], now: datetime,
                      budget: Budget | None = None, supply: Supply | None = None) -> Answer:
    """`supply`: the stock and open supply the lines may draw on (none: everything bought)."""
    budget = budget or Budget()
    supply = supply or Supply()
    products = []
    for line in lines:
        product = master.product(line.product_code, company_id)
        if product is None:
            raise PlanningRejected(f"company {company_id} makes no product {line.product_code}",
                                   {"product_code": line.product_code})
        products.append(product)
    committed = committed_plant(master.centres_of(company_id), bookings, now, budget)
    plant, capacity_only = committed.fork(), committed.fork()
    release = design_release(now, design_days)
    answers, latest = [], None
    for number, (line, product) in enumerate(zip(lines, products, strict=True), 1):
        budget.check(f"line {number} of {len(lines)}")
        quantity = Decimal(line.quantity)
        materials = promise_materials(master, company_id, product, quantity, now, supply)
        placed = plant.place(product, quantity, materials, release, design_days, not_before=now)
        unconstrained = capacity_only.place(product, quantity, not_before=now)
        finish = local_date(placed.finish)
        on_time = finish <= line.requested_date
        kind, sentence = placed.binding_kind, placed.binding_constraint
        if not on_time and local_date(unconstrained.finish) > line.requested_date:
            kind = "capacity"
            if unconstrained.binding_kind != "capacity":
                sentence = _work_content(plant, product, quantity,
                                         local_date(unconstrained.finish))
        answers.append(LineAnswer(number, line.product_code, quantity, line.requested_date,
                                  finish, on_time, kind, sentence,
                                  pegging(plant, placed, materials, release, kind, sentence)))
        if latest is None or placed.finish > latest[0]:
            latest = (placed.finish, kind, sentence)
    finish, kind, sentence = latest
    return Answer(feasible=all(line.feasible for line in answers),
                  earliest_date=local_date(finish), binding_kind=kind,
                  binding_constraint=sentence, lines=tuple(answers))


def _work_content(plant: Plant, product, quantity: Decimal, earliest) -> str:
    loads = {}
    for step in product.routing:
        minutes = plant.duration(step.work_centre, step.minutes_per_unit, quantity)
        loads[step.work_centre] = loads.get(step.work_centre, 0) + minutes
    centre, minutes = max(loads.items(), key=lambda item: item[1])
    name = plant.specs[centre].name
    return (f"work centre '{name}' needs {minutes / 60:.0f} h for {quantity.normalize():f} "
            f"x {product.product_code}: even with materials in store the order cannot be "
            f"finished before {earliest.isoformat()}")


def pegging(plant: Plant, placed: PlacedLine, materials: tuple[MaterialPromise, ...],
            release: datetime | None, kind: str, sentence: str) -> tuple[PeggingStep, ...]:
    """The chain behind one line's date, the binding step marked (PLN-2).

    Materials bind when the engine's binding is a material: the one arriving last. Design
    binds when it does. Capacity binds at the operation on the work centre the binding
    constraint names (else, for the routing's own work content, the longest operation)."""
    latest = max(materials, key=lambda m: m.ready_at, default=None)
    steps = [PeggingStep("material", m.material_code, m.source, m.ready_at, m.sentence,
                         binding=kind in ("material", "co_production")
                         and m is latest) for m in materials]
    if release is not None:
        steps.append(PeggingStep("design", "design", "design", release,
                                 f"design released {release:%Y-%m-%d %H:%M}",
                                 binding=kind == "design"))
    ops = placed.operations
    named = [op for op in ops if f"'{plant.specs[op.work_centre].name}'" in sentence]
    longest = named[0] if named else max(ops, key=lambda op: op.planned_finish - op.planned_start)
    for op in ops:
        name = plant.specs[op.work_centre].name
        steps.append(PeggingStep(
            "operation", op.work_centre, "work_centre", op.planned_finish,
            f"step {op.step} on '{name}' {op.planned_start:%Y-%m-%d %H:%M} - "
            f"{op.planned_finish:%Y-%m-%d %H:%M}",
            binding=kind == "capacity" and op is longest, start_at=op.planned_start))
    return tuple(steps)
