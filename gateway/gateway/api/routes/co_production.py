"""Planning: co-production instructions between subsidiaries (CO-1, PLN-12), to the
requesting company and to the sister that makes the part."""

from __future__ import annotations

from fastapi import APIRouter

from contracts.rpc.co_production import CoProductionPublic
from contracts.rpc.common import BusinessNo
from contracts.rpc.planning import API
from gateway.api.deps import ActorDep, PageLimitQuery, ServicesDep, require_roles
from gateway.api.openapi import refusals

# the requester's and the maker's departments that work with an instruction
DEPARTMENTS = [require_roles("planning", "procurement", "quality", "logistics",
                             "general_manager", "group_general_manager")]

router = APIRouter(prefix="/planning", tags=["planning"])


@router.get("/co-production", response_model=list[CoProductionPublic],
            dependencies=DEPARTMENTS, responses=refusals(API["list_co_production"]))
async def list_co_production(actor: ActorDep, services: ServicesDep,
                             order_no: BusinessNo | None = None,
                             limit: PageLimitQuery = 100) -> list[CoProductionPublic]:
    """Co-production instructions my companies raised or make, newest first (CO-1); by the
    requester's order no. or the instruction no."""
    return await services.planning.list_co_production(actor, order_no, limit)


@router.get("/co-production/{instruction_no}", response_model=CoProductionPublic,
            dependencies=DEPARTMENTS, responses=refusals(API["get_co_production"]))
async def read_co_production(instruction_no: BusinessNo, actor: ActorDep,
                             services: ServicesDep) -> CoProductionPublic:
    """One co-production instruction: drawings, inter-company price, where it stands."""
    return await services.planning.get_co_production(actor, instruction_no)
