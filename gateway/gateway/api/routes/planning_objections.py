"""Planning: objections to a plan task's time from any department of any company (PLN-6,
CO-2), and planning's answer."""

from __future__ import annotations

from fastapi import APIRouter

from contracts.rpc.common import BusinessNo
from contracts.rpc.objections import (
    ObjectionDecision,
    ObjectionPublic,
    ObjectionRaise,
    ObjectionStatus,
)
from contracts.rpc.planning import API
from gateway.api.deps import ActorDep, PageLimitQuery, ServicesDep, require_roles
from gateway.api.openapi import refusals
from gateway.api.routes.planning import PLANNERS

# PLN-6: "相关部门" -- every department may object, not only production
DEPARTMENTS = [require_roles("sales", "planning", "design", "procurement", "quality",
                             "logistics", "aftersales", "general_manager",
                             "group_general_manager")]

router = APIRouter(prefix="/planning", tags=["planning"])


@router.post("/work-orders/{work_order_no}/objections", response_model=ObjectionPublic,
             status_code=201, dependencies=DEPARTMENTS,
             responses=refusals(API["raise_objection"]))
async def raise_objection(work_order_no: BusinessNo, objection: ObjectionRaise,
                          actor: ActorDep, services: ServicesDep) -> ObjectionPublic:
    """Object to a plan task's time within 1 working day of the plan (PLN-6)."""
    return await services.planning.raise_objection(actor, work_order_no, objection)


@router.post("/objections/{objection_no}/decision", response_model=ObjectionPublic,
             dependencies=PLANNERS, responses=refusals(API["decide_objection"]))
async def decide_objection(objection_no: BusinessNo, decision: ObjectionDecision,
                           actor: ActorDep, services: ServicesDep) -> ObjectionPublic:
    """Accept an objection (the task and, if later, the delivery date move) or reject it."""
    return await services.planning.decide_objection(actor, objection_no, decision)


@router.get("/objections", response_model=list[ObjectionPublic], dependencies=DEPARTMENTS,
            responses=refusals(API["list_objections"]))
async def list_objections(actor: ActorDep, services: ServicesDep,
                          order_no: BusinessNo | None = None,
                          status: ObjectionStatus | None = None,
                          limit: PageLimitQuery = 100) -> list[ObjectionPublic]:
    """Objections the actor's companies raised or received, oldest first (PLN-6)."""
    return await services.planning.list_objections(actor, order_no, status, limit)
