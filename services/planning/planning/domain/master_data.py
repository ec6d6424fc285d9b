"""Planning's master data: products with their BOM and routing, work centres with shifts."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import time
from decimal import Decimal


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


@dataclass(frozen=True)
class MasterData:
    """Everything the planner needs to explode, route and schedule one company's orders."""

    products: dict[str, Product]
    work_centres: dict[str, WorkCentreSpec]
    material_lead_days: dict[str, int] = field(default_factory=dict)
    default_design_days: int = 10

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
