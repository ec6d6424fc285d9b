"""Planning's master data: products with their BOM and routing, work centres with shifts."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import time
from decimal import Decimal

from planning.domain.co_production import CoProducedPart


@dataclass(frozen=True)
class BomLine:
    material_code: str
    quantity: Decimal  # per unit of the product


@dataclass(frozen=True)
class RoutingStep:
    step: int
    work_centre: str
    minutes_per_unit: int


@dataclass(frozen=True)
class Product:
    product_code: str
    company_id: str
    name: str
    complete_set: bool
    bom: tuple[BomLine, ...]
    routing: tuple[RoutingStep, ...]


@dataclass(frozen=True)
class WorkCentreSpec:
    """A line or cell (PLN-5): its shifts on working days and how many units run side by side."""

    code: str
    company_id: str
    name: str
    shifts: tuple[tuple[time, time], ...]
    parallel_units: int = 1
    # PLN-9: a dedicated line for A-grade customers' small rush orders, standing in for the
    # line named here (None: an ordinary line)
    dedicated_rush_for: str | None = None


@dataclass(frozen=True)
class MasterData:
    """Everything the planner needs to explode, route and schedule one company's orders."""

    products: dict[str, Product]
    work_centres: dict[str, WorkCentreSpec]
    material_lead_days: dict[str, int] = field(default_factory=dict)
    default_design_days: int = 10
    # CO-1: parts a sister company makes for the group, by material code
    co_produced: dict[str, CoProducedPart] = field(default_factory=dict)

    def product(self, product_code: str, company_id: str | None = None) -> Product | None:
        product = self.products.get(product_code)
        if product is None or (company_id is not None and product.company_id != company_id):
            return None
        return product

    def centres_of(self, company_id: str) -> list[WorkCentreSpec]:
        return [wc for wc in self.work_centres.values() if wc.company_id == company_id]

    def lead_days(self, material_code: str) -> int:
        return self.material_lead_days.get(material_code, 0)


def parse_shift(pair) -> tuple[time, time]:
    start, end = pair
    return time.fromisoformat(start), time.fromisoformat(end)


def flattened(products: dict[str, Product]) -> dict[str, Product]:
    """Multi-level BOMs (PLN-4, issue 17) as the planner reads them: a BOM line naming
    another product of the same company (a sub-assembly made in house) is replaced by that
    product's own materials, times the line's quantity, to any depth. `bom_cycle` refuses
    cycles before they are stored."""
    resolved: dict[str, tuple[BomLine, ...]] = {}

    def materials_of(code: str, trail: tuple[str, ...]) -> tuple[BomLine, ...]:
        if code in resolved:
            return resolved[code]
        product = products[code]
        needs: dict[str, Decimal] = {}
        for line in product.bom:
            sub = products.get(line.material_code)
            if sub is not None and sub.company_id == product.company_id \
                    and line.material_code not in trail:
                for inner in materials_of(line.material_code, (*trail, code)):
                    needs[inner.material_code] = needs.get(inner.material_code, Decimal(0)) \
                        + inner.quantity * line.quantity
            else:
                needs[line.material_code] = needs.get(line.material_code, Decimal(0)) \
                    + line.quantity
        resolved[code] = tuple(BomLine(m, q) for m, q in sorted(needs.items()))
        return resolved[code]

    return {code: Product(p.product_code, p.company_id, p.name, p.complete_set,
                          materials_of(code, ()), p.routing)
            for code, p in products.items()}


def bom_cycle(products: dict[str, Product], product: Product) -> list[str] | None:
    """The chain of product codes by which `product`'s BOM would contain itself, if any."""
    catalogue = {**products, product.product_code: product}

    def walk(code: str, trail: list[str]) -> list[str] | None:
        current = catalogue.get(code)
        if current is None or current.company_id != product.company_id:
            return None
        for line in current.bom:
            if line.material_code == product.product_code:
                return [*trail, code, line.material_code]
            if line.material_code in catalogue and line.material_code not in trail:
                found = walk(line.material_code, [*trail, code])
                if found:
                    return found
        return None

    return walk(product.product_code, [])
