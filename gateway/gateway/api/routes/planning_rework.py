"""Planning's list of what quality's nonconformance records asked for (QLT-4, PLN-13)."""

from __future__ import annotations

from fastapi import APIRouter

from contracts.rpc.common import BusinessNo
from contracts.rpc.planning import API, ReworkOrderPublic
from gateway.api.deps import ActorDep, PageLimitQuery, ServicesDep, require_roles
from gateway.api.openapi import refusals

router = APIRouter(prefix="/planning", tags=["planning"],
                   dependencies=[require_roles("planning", "quality", "group_general_manager")])


@router.get("/rework-orders", response_model=list[ReworkOrderPublic],
            responses=refusals(API["list_rework_orders"]))
async def list_rework_orders(actor: ActorDep, services: ServicesDep,
                             order_no: BusinessNo | None = None, limit: PageLimitQuery = 100
                             ) -> list[ReworkOrderPublic]:
    """Rework work orders and scrap records from quality's NCRs, oldest first (QLT-4)."""
    return await services.planning.list_rework_orders(actor, order_no, limit)
