"""Demo reference data: the customer master, price list and surcharge (demo/group.json)."""

from __future__ import annotations

from decimal import Decimal

from sales.adapters.repository import SURCHARGE_KEY


def seed(uow, data: dict) -> None:
    """Load `data["sales"]`; running it again updates rows instead of duplicating them."""
    section = data.get("sales") or {}
    with uow:
        for customer in section.get("customers", []):
            uow.reference.upsert_customer({
                "company_id": customer["company_id"], "customer_code": customer["customer_code"],
                "name": customer["name"], "grade": customer["grade"],
                "address": customer.get("address", ""),
            })
        for price in section.get("price_list", []):
            uow.reference.upsert_price({
                "company_id": price["company_id"], "product_code": price["product_code"],
                "unit_price": Decimal(price["unit_price"]),
                "currency": price.get("currency", "CNY"),
            })
        if "custom_change_surcharge_percent" in section:
            uow.reference.set(SURCHARGE_KEY, str(section["custom_change_surcharge_percent"]))
        uow.commit()
