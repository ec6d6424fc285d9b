"""Replacements after-sales' remedies ship through logistics (AFS-4)."""

from __future__ import annotations

from fastapi import APIRouter

from contracts.rpc.common import BusinessNo
from contracts.rpc.logistics import API, DispatchCreate, ReplacementShipmentPublic
from gateway.api.deps import ActorDep, PageLimitQuery, ServicesDep, require_roles
from gateway.api.openapi import refusals

router = APIRouter(prefix="/logistics", tags=["logistics"])
SHIPPERS = [require_roles("logistics", "group_general_manager")]
READERS = [require_roles("logistics", "aftersales", "group_general_manager")]


@router.get("/replacement-shipments", response_model=list[ReplacementShipmentPublic],
            dependencies=READERS, responses=refusals(API["list_replacement_shipments"]))
async def list_replacement_shipments(actor: ActorDep, services: ServicesDep,
                                     order_no: BusinessNo | None = None,
                                     request_no: BusinessNo | None = None,
                                     limit: PageLimitQuery = 100
                                     ) -> list[ReplacementShipmentPublic]:
    """Replacements after-sales asked for, oldest first, by order and/or request (AFS-4)."""
    return await services.logistics.list_replacement_shipments(actor, order_no, request_no,
                                                               limit)


@router.post("/replacement-shipments/{shipment_no}/dispatch",
             response_model=ReplacementShipmentPublic, dependencies=SHIPPERS,
             responses=refusals(API["dispatch_replacement"]))
async def dispatch_replacement(shipment_no: BusinessNo, dispatch: DispatchCreate,
                               actor: ActorDep, services: ServicesDep
                               ) -> ReplacementShipmentPublic:
    """Send a replacement off with its carrier (AFS-4)."""
    return await services.logistics.dispatch_replacement(actor, shipment_no, dispatch)
