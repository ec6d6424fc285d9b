"""Seed procurement's part of the demo reference data (demo/group.json), idempotently."""

from __future__ import annotations

from decimal import Decimal

from procurement.domain.stock import StockLevel


def seed(uow, data: dict) -> None:
    section = data.get("procurement") or {}
    with uow:
        for material in section.get("materials", []):
            if not uow.master.has_material(material["material_code"]):
                uow.master.add_material(material["material_code"], material["name"],
                                        material.get("unit", "pc"))
        for supplier in section.get("suppliers", []):
            if uow.master.has_supplier(supplier["supplier_code"]):
                continue
            offers = [{"material_code": s["material_code"], "lead_days": int(s["lead_days"]),
                       "unit_price": Decimal(s["unit_price"])}
                      for s in supplier.get("supplies", [])]
            uow.master.add_supplier(supplier["supplier_code"], supplier["name"],
                                    bool(supplier.get("approved", False)), offers)
        for item in section.get("stock", []):
            # Only the opening balance: a restart must not reset moved or reserved stock.
            if not uow.stock.exists(item["company_id"], item["material_code"]):
                uow.stock.save(StockLevel(item["company_id"], item["material_code"],
                                          Decimal(item["quantity"]), Decimal(0)))
        uow.commit()
