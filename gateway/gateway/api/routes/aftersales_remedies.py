"""After-sales remedies linked to their cause: replacement through logistics, quality
feedback to an NCR (AFS-4)."""

from __future__ import annotations

from fastapi import APIRouter

from contracts.rpc.aftersales import API, RemedyCreate, RemedyPublic
from contracts.rpc.common import BusinessNo
from gateway.api.deps import ActorDep, ServicesDep, require_roles
from gateway.api.openapi import refusals

router = APIRouter(prefix="/aftersales", tags=["aftersales"])
SERVICE_STAFF = [require_roles("aftersales", "group_general_manager")]
READERS = [require_roles("aftersales", "sales", "quality", "logistics",
                         "group_general_manager")]


@router.post("/service-requests/{request_no}/remedy", status_code=201,
             response_model=RemedyPublic, dependencies=SERVICE_STAFF,
             responses=refusals(API["plan_remedy"]))
async def plan_remedy(request_no: BusinessNo, remedy: RemedyCreate, actor: ActorDep,
                      services: ServicesDep) -> RemedyPublic:
    """Choose repair, replacement or parts once the customer was contacted (AFS-4)."""
    return await services.aftersales.plan_remedy(actor, request_no, remedy)


@router.get("/service-requests/{request_no}/remedy", response_model=RemedyPublic,
            dependencies=READERS, responses=refusals(API["get_remedy"]))
async def get_remedy(request_no: BusinessNo, actor: ActorDep, services: ServicesDep
                     ) -> RemedyPublic:
    """A request's remedy with its NCR in quality and replacement shipment (AFS-4)."""
    return await services.aftersales.get_remedy(actor, request_no)
