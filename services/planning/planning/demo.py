"""Planning's demo master data from demo/group.json's `planning` section (idempotent)."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

from contracts.rpc.common import Actor
from contracts.rpc.planning_masterdata import ProductRecord, WorkCentreRecord
from planning import masterdata
from planning.domain.co_production import CoProducedPart
from planning.domain.master_data import (
    BomLine,
    MasterData,
    Product,
    RoutingStep,
    WorkCentreSpec,
    parse_shift,
)
from planning.domain.outsourcing import Partner

DEMO_ACTOR = Actor(username="demo-data", roles=[], companies=None)
OPENING_BALANCE_AT = datetime(2000, 1, 1, tzinfo=UTC)  # older than any event of procurement's


def master_data_from(section: dict) -> MasterData:
    products = {
        p["product_code"]: Product(
            p["product_code"], p["company_id"], p["name"], bool(p.get("complete_set")),
            tuple(BomLine(b["material_code"], Decimal(str(b["quantity"]))) for b in p["bom"]),
            tuple(RoutingStep(int(r["step"]), r["work_centre"], int(r["minutes_per_unit"]))
                  for r in sorted(p["routing"], key=lambda r: r["step"])),
        )
        for p in section.get("products", [])
    }
    centres = {
        wc["code"]: WorkCentreSpec(wc["code"], wc["company_id"], wc["name"],
                                   tuple(parse_shift(s) for s in wc["shifts"]),
                                   int(wc.get("parallel_units", 1)),
                                   wc.get("dedicated_rush_for"))
        for wc in section.get("work_centres", [])
    }
    return MasterData(products, centres,
                      {k: int(v) for k, v in section.get("material_lead_days", {}).items()},
                      int(section.get("default_design_days", 10)))


def seed(uow, data: dict) -> None:
    """Work centres and products through the same use cases as the gateway's (issue 17),
    each only when missing, so a restart keeps what was maintained since."""
    section = data.get("planning")
    if not section:
        return
    for centre in section.get("work_centres", []):
        with uow:
            exists = uow.master_records.work_centre(centre["code"]) is not None
        if not exists:
            masterdata.create_work_centre(DEMO_ACTOR, WorkCentreRecord(
                company_id=centre["company_id"], code=centre["code"], name=centre["name"],
                shifts=[{"start": start, "end": end} for start, end in centre["shifts"]],
                parallel_units=int(centre.get("parallel_units", 1))), uow)
    for product in section.get("products", []):
        with uow:
            exists = uow.master_records.product(product["product_code"]) is not None
        if not exists:
            masterdata.create_product(DEMO_ACTOR, ProductRecord(
                company_id=product["company_id"], product_code=product["product_code"],
                name=product["name"], complete_set=bool(product.get("complete_set")),
                bom=[{"material_code": b["material_code"], "quantity": str(b["quantity"])}
                     for b in product["bom"]],
                routing=product["routing"]), uow)
    with uow:
        uow.master_data.seed_lead_days({code: int(days) for code, days in
                                        section.get("material_lead_days", {}).items()},
                                       int(section.get("default_design_days", 10)))
        for centre in section.get("work_centres", []):  # PLN-9: dedicated rush lines
            if centre.get("dedicated_rush_for"):
                uow.master_data.set_dedicated_rush_for(centre["code"],
                                                       centre["dedicated_rush_for"])
        for partner in section.get("outsourcing_partners", []):  # PLN-10
            if uow.outsourcing.partner(partner["partner_code"]) is None:
                uow.outsourcing.add_partner(Partner(
                    partner["partner_code"], partner["name"], int(partner["lead_days"]),
                    tuple(partner["work_centres"]), partner.get("name_zh", "")))
        for part in section.get("co_production_parts", []):  # CO-1: what a sister makes
            uow.co_produced.put(CoProducedPart(
                part["material_code"], part["maker_company_id"], int(part["lead_days"]),
                Decimal(part["unit_price"]), part.get("currency", "CNY"),
                tuple(part.get("drawings", ()))))
        # The opening balance of the group's stores (the reference data procurement opens its
        # stock with); from then on procurement's stock_level_changed events keep it current.
        for item in (data.get("procurement") or {}).get("stock", []):
            if not uow.stock.exists(item["company_id"], item["material_code"]):
                quantity = Decimal(item["quantity"])
                uow.stock.record(item["company_id"], item["material_code"], quantity,
                                 quantity, OPENING_BALANCE_AT)
        uow.commit()
