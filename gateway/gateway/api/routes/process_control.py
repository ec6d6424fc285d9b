"""Planning: process control of a work order (PLN-8) -- the preparation check before it
starts, its daily progress history, and the remedies of a deviation."""

from __future__ import annotations

from fastapi import APIRouter

from contracts.rpc.common import BusinessNo
from contracts.rpc.planning import API
from contracts.rpc.process_control import (
    PreparationCheckCreate,
    ProcessControlPublic,
    RemedyCreate,
)
from gateway.api.deps import ActorDep, ServicesDep
from gateway.api.openapi import refusals
from gateway.api.routes.planning import PLANNERS

router = APIRouter(prefix="/planning", tags=["planning"])


@router.get("/work-orders/{work_order_no}/process-control", response_model=ProcessControlPublic,
            dependencies=PLANNERS, responses=refusals(API["get_process_control"]))
async def get_process_control(work_order_no: BusinessNo, actor: ActorDep,
                              services: ServicesDep) -> ProcessControlPublic:
    """A work order's checklist, preparation check, progress history and remedies (PLN-8)."""
    return await services.planning.get_process_control(actor, work_order_no)


@router.post("/work-orders/{work_order_no}/preparation-check",
             response_model=ProcessControlPublic, dependencies=PLANNERS,
             responses=refusals(API["check_preparation"]))
async def check_preparation(work_order_no: BusinessNo, check: PreparationCheckCreate,
                            actor: ActorDep, services: ServicesDep) -> ProcessControlPublic:
    """Record the preparation check 1-2 working days before the task starts (PLN-8)."""
    return await services.planning.check_preparation(actor, work_order_no, check)


@router.post("/work-orders/{work_order_no}/remedies", response_model=ProcessControlPublic,
             dependencies=PLANNERS, responses=refusals(API["record_remedy"]))
async def record_remedy(work_order_no: BusinessNo, remedy: RemedyCreate, actor: ActorDep,
                        services: ServicesDep) -> ProcessControlPublic:
    """Record how a deviation is answered: split, reassign, overtime, more output (PLN-8)."""
    return await services.planning.record_remedy(actor, work_order_no, remedy)
