"""Delivery-date feasibility, capable-to-promise (PLN-2, SAL-2/3).

The earliest date each line could be finished, placed after the plant's committed work, its
materials' lead times and design time, and *why*: the binding constraint in words.

The engine names what the last wait was for. When a line is late, one more question decides
the answer: would it still be late if its materials and design were ready now? Then capacity
binds (committed load or the routing's own work content), whatever the engine's last wait was;
otherwise the engine's material or design wait is the reason.

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
    Plant,
    design_release,
    local_date,
    material_ready,
)
from planning.domain.master_data import MasterData
from planning.domain.mrp import explode


@dataclass(frozen=True)
class Requested:
    """One line of the question: this much of a product by that date."""

    product_code: str
    quantity: Decimal
    requested_date: date


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


@dataclass(frozen=True)
class Answer:
    feasible: bool
    earliest_date: date
    binding_kind: str
    binding_constraint: str
    lines: tuple[LineAnswer, ...]


def check_feasibility(company_id: str, lines: list[Requested], design_days: int,
                      master: MasterData, bookings: list[Booking], now: datetime,
                      budget: Budget | None = None) -> Answer:
    budget = budget or Budget()
    products = []
    for line in lines:
        product = master.product(line.product_code, company_id)
        if product is None:
            raise PlanningRejected(f"company {company_id} makes no product {line.product_code}",
                                   {"product_code": line.product_code})
        products.append(product)
    plant = Plant(master.centres_of(company_id), now, bookings)
    capacity_only = Plant(master.centres_of(company_id), now, bookings)
    release = design_release(now, design_days)
    answers, latest = [], None
    for number, (line, product) in enumerate(zip(lines, products, strict=True), 1):
        budget.check(f"line {number} of {len(lines)}")
        quantity = Decimal(line.quantity)
        materials = {code: material_ready(now, master.lead_days(code))
                     for code in explode(product, quantity)}
        placed = plant.place(product, quantity, materials, release, design_days)
        unconstrained = capacity_only.place(product, quantity)
        finish = local_date(placed.finish)
        on_time = finish <= line.requested_date
        kind, sentence = placed.binding_kind, placed.binding_constraint
        if not on_time and local_date(unconstrained.finish) > line.requested_date:
            kind = "capacity"
            if unconstrained.binding_kind != "capacity":
                sentence = _work_content(plant, product, quantity,
                                         local_date(unconstrained.finish))
        answers.append(LineAnswer(number, line.product_code, quantity, line.requested_date,
                                  finish, on_time, kind, sentence))
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
