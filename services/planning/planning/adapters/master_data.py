"""Master data in and out of the database: products, BOMs, routings, work centres."""

from __future__ import annotations

from sqlalchemy import delete, insert, select, update

from planning.adapters.co_production import SqlCoProducedParts
from planning.adapters.tables import (
    bom_lines,
    materials,
    products,
    routing_steps,
    settings,
    work_centres,
)
from planning.domain.master_data import (
    BomLine,
    MasterData,
    Product,
    RoutingStep,
    WorkCentreSpec,
    flattened,
    parse_shift,
)
from servicekit.repository import Repository

DEFAULT_DESIGN_DAYS = "default_design_days"


class SqlMasterDataRepository(Repository):
    def load(self) -> MasterData:
        boms: dict[str, list[BomLine]] = {}
        for row in self.session.execute(select(bom_lines).order_by(bom_lines.c.material_code)):
            boms.setdefault(row.product_code, []).append(BomLine(row.material_code, row.quantity))
        routes: dict[str, list[RoutingStep]] = {}
        for row in self.session.execute(select(routing_steps).order_by(routing_steps.c.step)):
            routes.setdefault(row.product_code, []).append(
                RoutingStep(row.step, row.work_centre, row.minutes_per_unit))
        prods = {
            row.product_code: Product(row.product_code, row.company_id, row.name,
                                      row.complete_set, tuple(boms.get(row.product_code, ())),
                                      tuple(routes.get(row.product_code, ())))
            for row in self.session.execute(select(products))
        }
        centres = {
            row.code: WorkCentreSpec(
                row.code, row.company_id, row.name,
                tuple(parse_shift(s.split("-")) for s in row.shifts.split(",") if s),
                row.parallel_units, row.dedicated_rush_for)
            for row in self.session.execute(select(work_centres))
        }
        lead = {row.material_code: row.lead_days for row in self.session.execute(select(materials))}
        design = self.session.execute(
            select(settings.c.value).where(settings.c.key == DEFAULT_DESIGN_DAYS)).scalar()
        # sub-assemblies' materials exploded to any depth (issue 17: multi-level BOMs)
        return MasterData(flattened(prods), centres, lead,
                          int(design) if design is not None else 10,
                          SqlCoProducedParts(self.session).all())  # CO-1

    def set_dedicated_rush_for(self, code: str, stands_in_for: str) -> None:
        """PLN-9: mark a work centre as the dedicated rush line standing in for another."""
        self.session.execute(update(work_centres).where(work_centres.c.code == code)
                             .values(dedicated_rush_for=stands_in_for))

    def seed_lead_days(self, lead_days: dict[str, int], design_days: int) -> None:
        """Lead times of materials not known yet (procurement's suppliers refine them,
        issue 17), and the default design time."""
        known = set(self.session.execute(select(materials.c.material_code)).scalars())
        for code, days in lead_days.items():
            if code not in known:
                self.session.execute(insert(materials).values(material_code=code,
                                                              lead_days=days))
        self.session.execute(delete(settings).where(settings.c.key == DEFAULT_DESIGN_DAYS))
        self.session.execute(insert(settings).values(key=DEFAULT_DESIGN_DAYS,
                                                     value=str(design_days)))

    def replace(self, data: MasterData) -> None:
        """Replace all master data with `data` (the demo seed; idempotent)."""
        for table in (bom_lines, routing_steps, products, work_centres, materials, settings):
            self.session.execute(delete(table))
        for p in data.products.values():
            self.session.execute(insert(products).values(
                product_code=p.product_code, company_id=p.company_id, name=p.name,
                complete_set=p.complete_set))
            for line in p.bom:
                self.session.execute(insert(bom_lines).values(
                    product_code=p.product_code, material_code=line.material_code,
                    quantity=line.quantity))
            for step in p.routing:
                self.session.execute(insert(routing_steps).values(
                    product_code=p.product_code, step=step.step, work_centre=step.work_centre,
                    minutes_per_unit=step.minutes_per_unit))
        for wc in data.work_centres.values():
            self.session.execute(insert(work_centres).values(
                code=wc.code, company_id=wc.company_id, name=wc.name,
                shifts=",".join(f"{a:%H:%M}-{b:%H:%M}" for a, b in wc.shifts),
                parallel_units=wc.parallel_units, dedicated_rush_for=wc.dedicated_rush_for))
        for code, days in data.material_lead_days.items():
            self.session.execute(insert(materials).values(material_code=code, lead_days=days))
        self.session.execute(insert(settings).values(key=DEFAULT_DESIGN_DAYS,
                                                     value=str(data.default_design_days)))
