"""Procurement's shortages: a PO qualified short of its line, chased by its buyer until
delivered or cancelled (PRC-6)."""

from __future__ import annotations

from fastapi import APIRouter

from contracts.rpc.common import BusinessNo
from contracts.rpc.procurement import API
from contracts.rpc.shortages import (
    ShortageCancel,
    ShortageChase,
    ShortagePublic,
    ShortageStatus,
)
from gateway.api.deps import ActorDep, PageLimitQuery, ServicesDep
from gateway.api.openapi import refusals
from gateway.api.routes.procurement import BUYERS

router = APIRouter(prefix="/procurement/shortages", tags=["procurement"])


@router.get("", response_model=list[ShortagePublic], dependencies=BUYERS,
            responses=refusals(API["list_shortages"]))
async def list_shortages(actor: ActorDep, services: ServicesDep,
                         status: ShortageStatus | None = None,
                         owner: BusinessNo | None = None, order_no: BusinessNo | None = None,
                         limit: PageLimitQuery = 100) -> list[ShortagePublic]:
    """Shortages of your companies, the next follow-up first (PRC-6)."""
    return await services.procurement.list_shortages(actor, status, owner, order_no, limit)


@router.post("/{shortage_no}/chase", response_model=ShortagePublic, dependencies=BUYERS,
             responses=refusals(API["chase_shortage"]))
async def chase_shortage(shortage_no: BusinessNo, chase: ShortageChase, actor: ActorDep,
                         services: ServicesDep) -> ShortagePublic:
    """Record a chase of the supplier and the next follow-up date (PRC-6)."""
    return await services.procurement.chase_shortage(actor, shortage_no, chase)


@router.post("/{shortage_no}/cancel", response_model=ShortagePublic, dependencies=BUYERS,
             responses=refusals(API["cancel_shortage"]))
async def cancel_shortage(shortage_no: BusinessNo, cancel: ShortageCancel, actor: ActorDep,
                          services: ServicesDep) -> ShortagePublic:
    """Cancel a shortage with a reason; the purchase order closes short (PRC-6)."""
    return await services.procurement.cancel_shortage(actor, shortage_no, cancel)
