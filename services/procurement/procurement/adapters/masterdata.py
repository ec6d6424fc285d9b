"""Materials and the supplier list as maintained through the gateway (issue 17)."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import delete, insert, select, update

from procurement.adapters.tables import materials, supplier_offers, suppliers
from servicekit import masterdata
from servicekit.repository import Repository

SUPPLIER_FIELDS = ("supplier_code", "name", "approved", "approved_on", "scope", "retired")


class SqlProcurementMasterData(Repository):
    def material(self, code: str) -> dict | None:
        row = self.session.execute(select(materials).where(
            materials.c.material_code == code)).first()
        return dict(row._mapping) if row else None

    def add_material(self, record: dict) -> None:
        self.session.execute(insert(materials).values(**record))

    def supplier(self, code: str) -> dict | None:
        row = self.session.execute(select(suppliers).where(
            suppliers.c.supplier_code == code)).first()
        return self._with_offers(row) if row else None

    def _with_offers(self, row) -> dict:
        offers = self.session.execute(select(supplier_offers).where(
            supplier_offers.c.supplier_code == row.supplier_code)
            .order_by(supplier_offers.c.material_code)).all()
        return {**{name: row._mapping[name] for name in SUPPLIER_FIELDS},
                "offers": [{"material_code": o.material_code, "lead_days": o.lead_days,
                            "unit_price": Decimal(o.unit_price)} for o in offers]}

    def search_suppliers(self, *, search: str | None, approved_only: bool, offset: int,
                         limit: int) -> tuple[list[dict], int]:
        query = select(suppliers).where(suppliers.c.retired.is_(False))
        if approved_only:
            query = query.where(suppliers.c.approved.is_(True))
        query = masterdata.searched(query, [suppliers.c.supplier_code, suppliers.c.name],
                                    search).order_by(suppliers.c.supplier_code)
        rows, total = masterdata.page(self.session, query, offset=offset, limit=limit)
        return [self._with_offers(row) for row in rows], total

    def put_supplier(self, record: dict, *, new: bool) -> None:
        values = {name: record[name] for name in SUPPLIER_FIELDS}
        if new:
            self.session.execute(insert(suppliers).values(**values))
        else:
            self.session.execute(update(suppliers).where(
                suppliers.c.supplier_code == record["supplier_code"]).values(**values))
        self.session.execute(delete(supplier_offers).where(
            supplier_offers.c.supplier_code == record["supplier_code"]))
        self.session.execute(insert(supplier_offers), [
            {"supplier_code": record["supplier_code"], **offer} for offer in record["offers"]])
