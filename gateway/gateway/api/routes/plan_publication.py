"""Planning: the proposed plans a planner publishes (PLN-1, ORD-5), and the coordination
meeting and departments' approvals a non-regular order's plan needs first (PLN-3)."""

from __future__ import annotations

from fastapi import APIRouter

from contracts.rpc.common import BusinessNo
from contracts.rpc.plan_publication import (
    CoordinationApprovalCreate,
    CoordinationMeetingCreate,
    PlanPublish,
    PlanSummaryPublic,
    Publication,
)
from contracts.rpc.planning import API, PlanPublic
from gateway.api.deps import ActorDep, PageLimitQuery, ServicesDep, require_roles
from gateway.api.openapi import refusals
from gateway.api.routes.planning import PLANNERS
from gateway.core.telemetry import tag_order

# PLN-3: the departments at the meeting -- design, the workshops (production manager),
# procurement and quality -- read the queue and approve
APPROVERS = [require_roles("design", "production_manager", "procurement", "quality",
                           "group_general_manager")]
READERS = [require_roles("planning", "design", "production_manager", "procurement",
                         "quality", "group_general_manager")]

router = APIRouter(prefix="/planning", tags=["planning"])


@router.get("/plans", response_model=list[PlanSummaryPublic], dependencies=READERS,
            responses=refusals(API["list_plans"]))
async def list_plans(actor: ActorDep, services: ServicesDep,
                     publication: Publication | None = None,
                     limit: PageLimitQuery = 100) -> list[PlanSummaryPublic]:
    """Plans of your companies, oldest first; publication=proposed is the planners' queue."""
    return await services.planning.list_plans(actor, publication, limit)


@router.post("/plans/{order_no}/publication", response_model=PlanPublic,
             dependencies=PLANNERS, responses=refusals(API["publish_plan"]))
async def publish_plan(order_no: BusinessNo, publication: PlanPublish, actor: ActorDep,
                       services: ServicesDep) -> PlanPublic:
    """Publish the proposed plan: its material requests go to procurement (PLN-1)."""
    tag_order(order_no)
    return await services.planning.publish_plan(actor, order_no, publication)


@router.post("/plans/{order_no}/coordination-meeting", response_model=PlanPublic,
             dependencies=PLANNERS, responses=refusals(API["record_coordination_meeting"]))
async def record_coordination_meeting(order_no: BusinessNo, meeting: CoordinationMeetingCreate,
                                      actor: ActorDep, services: ServicesDep) -> PlanPublic:
    """Record the planning coordination meeting of a non-regular order (PLN-3)."""
    tag_order(order_no)
    return await services.planning.record_coordination_meeting(actor, order_no, meeting)


@router.post("/plans/{order_no}/coordination-approvals", response_model=PlanPublic,
             dependencies=APPROVERS, responses=refusals(API["approve_plan_coordination"]))
async def approve_plan_coordination(order_no: BusinessNo,
                                    approval: CoordinationApprovalCreate, actor: ActorDep,
                                    services: ServicesDep) -> PlanPublic:
    """Give your department's approval of the plan discussed at the meeting (PLN-3)."""
    tag_order(order_no)
    return await services.planning.approve_plan_coordination(actor, order_no, approval)
