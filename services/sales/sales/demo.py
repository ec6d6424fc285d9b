"""Demo reference data: the customer master, price list and surcharge (demo/group.json)."""

from __future__ import annotations

from decimal import Decimal

from contracts.rpc.common import Actor
from contracts.rpc.sales_masterdata import CustomerRecord
from sales import masterdata
from sales.adapters.repository import SURCHARGE_KEY

DEMO_ACTOR = Actor(username="demo-data", roles=[], companies=None)


def seed(uow, data: dict) -> None:
    """Load `data["sales"]`; running it again updates rows instead of duplicating them."""
    section = data.get("sales") or {}
    if section.get("customers"):  # through the same import as a workbook's (issue 17)
        masterdata.import_customers(DEMO_ACTOR, [CustomerRecord.model_validate(customer)
                                                 for customer in section["customers"]], uow)
    with uow:
        for price in section.get("price_list", []):
            uow.reference.upsert_price({
                "company_id": price["company_id"], "product_code": price["product_code"],
                "unit_price": Decimal(price["unit_price"]),
                "currency": price.get("currency", "CNY"),
            })
        if "custom_change_surcharge_percent" in section:
            uow.reference.set(SURCHARGE_KEY, str(section["custom_change_surcharge_percent"]))
        uow.commit()
