"""The packaging notice (LOG-1): production tells packaging before the goods are ready."""

from __future__ import annotations

from fastapi import APIRouter

from contracts.rpc.common import BusinessNo
from contracts.rpc.logistics import API, PackagingNoticeCreate, PackagingNoticePublic
from gateway.api.deps import ActorDep, PageLimitQuery, ServicesDep, require_roles
from gateway.api.openapi import refusals

# The product company's production (planning) tells packaging (logistics) (LOG-1).
router = APIRouter(prefix="/logistics", tags=["logistics"], dependencies=[require_roles(
    "planning", "logistics", "group_general_manager")])


@router.get("/packaging-notices", response_model=list[PackagingNoticePublic],
            responses=refusals(API["list_packaging_notices"]))
async def list_packaging_notices(actor: ActorDep, services: ServicesDep,
                                 order_no: BusinessNo | None = None,
                                 limit: PageLimitQuery = 100) -> list[PackagingNoticePublic]:
    """Packaging notices by forecast completion, earliest first (LOG-1)."""
    return await services.logistics.list_packaging_notices(actor, order_no, limit)


@router.post("/packaging-notices/{order_no}", response_model=PackagingNoticePublic,
             dependencies=[require_roles("planning", "group_general_manager")],
             responses=refusals(API["notify_packaging"]))
async def notify_packaging(order_no: BusinessNo, notice: PackagingNoticeCreate,
                           actor: ActorDep, services: ServicesDep) -> PackagingNoticePublic:
    """Tell packaging what must be complete before the goods are ready (LOG-1)."""
    return await services.logistics.notify_packaging(actor, order_no, notice)
