"""Delivery-date feasibility, capable-to-promise (PLN-2, SAL-2/3).

The earliest date each line could be finished, placed after the plant's committed work, its
materials' lead times and design time, and *why*: the binding constraint in words.

The engine names what the last wait was for. When a line is late, one more question decides
the answer: would it still be late if its materials and design were ready now? Then capacity
binds (committed load or the routing's own work content), whatever the engine's last wait was;
otherwise the engine's material or design wait is the reason.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from contracts.errors import InvalidRequest
from contracts.rpc.planning import FeasibilityAnswer, FeasibilityQuery
from planning.domain.forward_schedule import (
    Booking,
    Plant,
    design_release,
    local_date,
    material_ready,
)
from planning.domain.master_data import MasterData
from planning.domain.mrp import explode


def check_feasibility(query: FeasibilityQuery, master: MasterData, bookings: list[Booking],
                      now: datetime) -> FeasibilityAnswer:
    products = []
    for line in query.lines:
        product = master.product(line.product_code, query.company_id)
        if product is None:
            raise InvalidRequest(
                f"company {query.company_id} makes no product {line.product_code}",
                {"product_code": line.product_code})
        products.append(product)
    plant = Plant(master.centres_of(query.company_id), now, bookings)
    capacity_only = Plant(master.centres_of(query.company_id), now, bookings)
    release = design_release(now, query.design_days)
    per_line, latest = [], None
    for number, (line, product) in enumerate(zip(query.lines, products, strict=True), 1):
        materials = {code: material_ready(now, master.lead_days(code))
                     for code in explode(product, Decimal(line.quantity))}
        placed = plant.place(product, line.quantity, materials, release, query.design_days)
        unconstrained = capacity_only.place(product, line.quantity)
        finish = local_date(placed.finish)
        on_time = finish <= line.requested_date
        kind, sentence = placed.binding_kind, placed.binding_constraint
        if not on_time and local_date(unconstrained.finish) > line.requested_date:
            kind = "capacity"
            if unconstrained.binding_kind != "capacity":
                sentence = _work_content(plant, product, line.quantity,
                                         local_date(unconstrained.finish))
        per_line.append({
            "line_no": number, "product_code": line.product_code,
            "quantity": str(line.quantity), "requested_date": line.requested_date.isoformat(),
            "earliest_date": finish.isoformat(), "feasible": on_time,
            "binding_kind": kind, "binding_constraint": sentence,
        })
        if latest is None or placed.finish > latest[0]:
            latest = (placed.finish, kind, sentence)
    finish, kind, sentence = latest
    return FeasibilityAnswer(
        feasible=all(line["feasible"] for line in per_line),
        earliest_date=local_date(finish), binding_kind=kind, binding_constraint=sentence,
        per_line=per_line,
    )


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
