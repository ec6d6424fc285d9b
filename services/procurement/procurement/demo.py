"""Seed procurement's part of the demo reference data (demo/group.json), idempotently."""

from __future__ import annotations

from decimal import Decimal

from contracts.rpc.common import Actor
from contracts.rpc.procurement_masterdata import MaterialRecord, SupplierRecord
from procurement import masterdata
from procurement.domain.stock import StockLevel

DEMO_ACTOR = Actor(username="demo-data", roles=[], companies=None)


def seed(uow, data: dict) -> None:
    """Materials and suppliers through the same use cases as the gateway's (issue 17), so
    planning hears of the demo suppliers' lead times as of any other's."""
    section = data.get("procurement") or {}
    for material in section.get("materials", []):
        with uow:
            exists = uow.master_data.material(material["material_code"]) is not None
        if not exists:
            masterdata.create_material(DEMO_ACTOR, MaterialRecord.model_validate(
                {"unit": "pc", **material}), uow)
    for supplier in section.get("suppliers", []):
        with uow:
            exists = uow.master_data.supplier(supplier["supplier_code"]) is not None
        if not exists:
            masterdata.create_supplier(DEMO_ACTOR, SupplierRecord(
                supplier_code=supplier["supplier_code"], name=supplier["name"],
                approved=bool(supplier.get("approved", False)),
                offers=[{"material_code": s["material_code"], "lead_days": int(s["lead_days"]),
                         "unit_price": s["unit_price"]} for s in supplier.get("supplies", [])]),
                uow)
    with uow:
        for item in section.get("stock", []):
            # Only the opening balance: a restart must not reset moved or reserved stock.
            if not uow.stock.exists(item["company_id"], item["material_code"]):
                uow.stock.save(StockLevel(item["company_id"], item["material_code"],
                                          Decimal(item["quantity"]), Decimal(0)))
        uow.commit()
