"""Quality: incoming lot inspection and final inspection (QLT-1..4)."""

from __future__ import annotations

from fastapi import APIRouter, Query

from contracts.rpc.quality import (
    FinalInspectionCreate,
    FinalInspectionPublic,
    InspectionCreate,
    LotInspectionPublic,
)
from gateway.api.deps import ActorDep, ServicesDep, require_roles
from gateway.core.telemetry import tag_order

router = APIRouter(prefix="/quality", tags=["quality"],
                   dependencies=[require_roles("quality", "group_general_manager")])


@router.get("/lots", response_model=list[LotInspectionPublic])
async def list_lots(actor: ActorDep, services: ServicesDep,
                    status: str | None = Query(default=None, max_length=32)) -> list:
    """Incoming lots of your companies, optionally by inspection status."""
    return await services.call("quality", "list_lots", actor, status)


@router.post("/lots/{lot_no}/inspection", response_model=LotInspectionPublic)
async def inspect_lot(lot_no: str, inspection: InspectionCreate, actor: ActorDep,
                      services: ServicesDep) -> dict:
    """Record the incoming inspection of a lot's sample (QLT-1)."""
    return await services.call("quality", "inspect_lot", actor, lot_no,
                               inspection.model_dump(mode="json"))


@router.get("/final-inspections", response_model=list[FinalInspectionPublic])
async def list_final_inspections(actor: ActorDep, services: ServicesDep,
                                 status: str | None = Query(default=None, max_length=32)) -> list:
    """Final inspections of your companies' orders, optionally by status."""
    return await services.call("quality", "list_final_inspections", actor, status)


@router.post("/final-inspections/{order_no}", response_model=FinalInspectionPublic)
async def record_final_inspection(order_no: str, result: FinalInspectionCreate, actor: ActorDep,
                                  services: ServicesDep) -> dict:
    """Record an order's final inspection once production is complete (QLT-2)."""
    tag_order(order_no)
    return await services.call("quality", "record_final_inspection", actor, order_no,
                               result.model_dump(mode="json"))
