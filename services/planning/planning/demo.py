"""Planning's demo master data from demo/group.json's `planning` section (idempotent)."""

from __future__ import annotations

from decimal import Decimal

from planning.domain.master_data import (
    BomLine,
    MasterData,
    Product,
    RoutingStep,
    WorkCentreSpec,
    parse_shift,
)


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
                                   int(wc.get("parallel_units", 1)))
        for wc in section.get("work_centres", [])
    }
    return MasterData(products, centres,
                      {k: int(v) for k, v in section.get("material_lead_days", {}).items()},
                      int(section.get("default_design_days", 10)))


def seed(uow, data: dict) -> None:
    section = data.get("planning")
    if not section:
        return
    with uow:
        uow.master_data.replace(master_data_from(section))
        uow.commit()
