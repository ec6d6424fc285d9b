"""Products, BOMs, routings and work centres as maintained through the gateway, and
planning's copy of procurement's supplier lead times (issue 17)."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import delete, func, insert, select, update

from planning.adapters.tables import (
    bom_lines,
    materials,
    products,
    routing_steps,
    supplier_leads,
    work_centres,
)
from servicekit import masterdata
from servicekit.repository import Repository, visible_to

PRODUCT_FIELDS = ("company_id", "product_code", "name", "complete_set", "retired")
CENTRE_FIELDS = ("company_id", "code", "name", "parallel_units")


def shifts_text(shifts: list[dict]) -> str:
    return ",".join(f"{s['start']}-{s['end']}" for s in shifts)


def shifts_of(text: str) -> list[dict]:
    return [dict(zip(("start", "end"), part.split("-"), strict=True))
            for part in text.split(",") if part]


class SqlPlanningMasterData(Repository):
    # -- products ----------------------------------------------------------------------
    def product(self, code: str) -> dict | None:
        row = self.session.execute(select(products).where(
            products.c.product_code == code)).first()
        return self._full(row) if row else None

    def _full(self, row) -> dict:
        code = row.product_code
        bom = self.session.execute(select(bom_lines).where(bom_lines.c.product_code == code)
                                   .order_by(bom_lines.c.material_code)).all()
        routing = self.session.execute(select(routing_steps).where(
            routing_steps.c.product_code == code).order_by(routing_steps.c.step)).all()
        return {**{name: row._mapping[name] for name in PRODUCT_FIELDS},
                "bom": [{"material_code": b.material_code, "quantity": Decimal(b.quantity)}
                        for b in bom],
                "routing": [{"step": r.step, "work_centre": r.work_centre,
                             "minutes_per_unit": r.minutes_per_unit} for r in routing]}

    def bom_catalogue(self, company_id: str) -> dict[str, dict]:
        """The company's products with their BOMs as entered (sub-assemblies unexploded)."""
        rows = self.session.execute(select(products.c.product_code, products.c.name,
                                           products.c.complete_set)
                                    .where(products.c.company_id == company_id)).all()
        lines: dict[str, list[dict]] = {}
        for line in self.session.execute(select(bom_lines).join(
                products, products.c.product_code == bom_lines.c.product_code)
                .where(products.c.company_id == company_id)):
            lines.setdefault(line.product_code, []).append(
                {"material_code": line.material_code, "quantity": Decimal(line.quantity)})
        return {row.product_code: {"product_code": row.product_code, "company_id": company_id,
                                   "name": row.name, "complete_set": row.complete_set,
                                   "bom": lines.get(row.product_code, [])} for row in rows}

    def search_products(self, companies, *, search, company_id, include_retired, offset,
                        limit) -> tuple[list[dict], int]:
        query = visible_to(select(products), products, companies)
        if company_id:
            query = query.where(products.c.company_id == company_id)
        if not include_retired:
            query = query.where(products.c.retired.is_(False))
        query = masterdata.searched(query, [products.c.product_code, products.c.name], search)
        rows, total = masterdata.page(self.session, query.order_by(products.c.product_code),
                                      offset=offset, limit=limit)
        return [self._full(row) for row in rows], total

    def put_product(self, record: dict, *, new: bool) -> None:
        values = {name: record[name] for name in PRODUCT_FIELDS}
        code = record["product_code"]
        if new:
            self.session.execute(insert(products).values(**values))
        else:
            self.session.execute(update(products).where(products.c.product_code == code)
                                 .values(**values))
        for table in (bom_lines, routing_steps):
            self.session.execute(delete(table).where(table.c.product_code == code))
        self.session.execute(insert(bom_lines), [{"product_code": code, **line}
                                                 for line in record["bom"]])
        self.session.execute(insert(routing_steps), [{"product_code": code, **step}
                                                     for step in record["routing"]])

    # -- work centres ------------------------------------------------------------------
    def work_centre(self, code: str) -> dict | None:
        row = self.session.execute(select(work_centres).where(
            work_centres.c.code == code)).first()
        return _centre(row) if row else None

    def work_centres(self, companies, company_id, offset, limit) -> list[dict]:
        query = visible_to(select(work_centres), work_centres, companies)
        if company_id:
            query = query.where(work_centres.c.company_id == company_id)
        rows = self.session.execute(query.order_by(work_centres.c.code).offset(offset)
                                    .limit(limit)).all()
        return [_centre(row) for row in rows]

    def put_work_centre(self, record: dict, *, new: bool) -> None:
        values = {**{name: record[name] for name in CENTRE_FIELDS},
                  "shifts": shifts_text(record["shifts"])}
        if new:
            self.session.execute(insert(work_centres).values(**values))
        else:
            self.session.execute(update(work_centres).where(
                work_centres.c.code == record["code"]).values(**values))

    # -- procurement's supplier lead times (a copy) -------------------------------------
    def replace_supplier_leads(self, supplier_code: str, leads: dict[str, int]) -> set[str]:
        """This supplier's lead times now; the materials whose lead time may have moved."""
        touched = set(self.session.execute(select(supplier_leads.c.material_code).where(
            supplier_leads.c.supplier_code == supplier_code)).scalars()) | set(leads)
        self.session.execute(delete(supplier_leads).where(
            supplier_leads.c.supplier_code == supplier_code))
        if leads:
            self.session.execute(insert(supplier_leads), [
                {"supplier_code": supplier_code, "material_code": code, "lead_days": days}
                for code, days in leads.items()])
        return touched

    def refresh_lead_days(self, material_codes: set[str]) -> None:
        """A material's lead time (PLN-2): the shortest of its approved suppliers'; one no
        approved supplier offers keeps the lead time it had."""
        for code in sorted(material_codes):
            shortest = self.session.execute(select(func.min(supplier_leads.c.lead_days)).where(
                supplier_leads.c.material_code == code)).scalar()
            if shortest is None:
                continue
            if self.session.execute(select(materials.c.material_code).where(
                    materials.c.material_code == code)).first():
                self.session.execute(update(materials).where(materials.c.material_code == code)
                                     .values(lead_days=shortest))
            else:
                self.session.execute(insert(materials).values(material_code=code,
                                                              lead_days=shortest))


def _centre(row) -> dict:
    return {**{name: row._mapping[name] for name in CENTRE_FIELDS},
            "shifts": shifts_of(row.shifts)}
