"""Quality: incoming lot inspection and final inspection (QLT-1..4)."""

from __future__ import annotations

from fastapi import APIRouter

from contracts.events.quality import FinalInspectionStatus, LotStatus
from contracts.rpc.common import BusinessNo
from contracts.rpc.quality import (
    API,
    FinalInspectionCreate,
    FinalInspectionPublic,
    InspectionCreate,
    LotInspectionPublic,
)
from gateway.api.deps import ActorDep, PageLimitQuery, ServicesDep, require_roles
from gateway.api.openapi import refusals
from gateway.core.telemetry import tag_order

router = APIRouter(prefix="/quality", tags=["quality"],
                   dependencies=[require_roles("quality", "group_general_manager")])


@router.get("/lots", response_model=list[LotInspectionPublic],
            responses=refusals(API["list_lots"]))
async def list_lots(actor: ActorDep, services: ServicesDep, status: LotStatus | None = None,
                    limit: PageLimitQuery = 100, order_no: BusinessNo | None = None
                    ) -> list[LotInspectionPublic]:
    """Incoming lots of your companies, oldest first, optionally by inspection status and
    order."""
    return await services.quality.list_lots(actor, status, limit, order_no)


@router.post("/lots/{lot_no}/inspection", response_model=LotInspectionPublic,
             responses=refusals(API["inspect_lot"]))
async def inspect_lot(lot_no: BusinessNo, inspection: InspectionCreate, actor: ActorDep,
                      services: ServicesDep) -> LotInspectionPublic:
    """Record the incoming inspection of a lot's sample (QLT-1); a lot is inspected once."""
    return await services.quality.inspect_lot(actor, lot_no, inspection)


@router.get("/final-inspections", response_model=list[FinalInspectionPublic],
            responses=refusals(API["list_final_inspections"]))
async def list_final_inspections(actor: ActorDep, services: ServicesDep,
                                 status: FinalInspectionStatus | None = None,
                                 limit: PageLimitQuery = 100,
                                 order_no: BusinessNo | None = None
                                 ) -> list[FinalInspectionPublic]:
    """Final inspections of your companies' orders, oldest first, optionally by status and
    order."""
    return await services.quality.list_final_inspections(actor, status, limit, order_no)


@router.post("/final-inspections/{order_no}", response_model=FinalInspectionPublic,
             responses=refusals(API["record_final_inspection"]))
async def record_final_inspection(order_no: BusinessNo, result: FinalInspectionCreate,
                                  actor: ActorDep, services: ServicesDep
                                  ) -> FinalInspectionPublic:
    """Record an order's final inspection once production is complete (QLT-2)."""
    tag_order(order_no)
    return await services.quality.record_final_inspection(actor, order_no, result)
