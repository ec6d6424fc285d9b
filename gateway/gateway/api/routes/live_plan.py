"""Planning's live plan and its re-plans: rush orders (ORD-4, PLN-9), re-sequencing (PLN-7),
a work centre's breakdown (PLN-5)."""

from __future__ import annotations

from fastapi import APIRouter

from contracts.rpc.bounds import CompanyId
from contracts.rpc.common import BusinessNo
from contracts.rpc.planning import API, BreakdownCreate, LivePlanPublic, ReplanProposalPublic
from gateway.api.deps import ActorDep, PageLimitQuery, ServicesDep, require_roles
from gateway.api.openapi import refusals
from gateway.core.telemetry import tag_order

router = APIRouter(prefix="/planning", tags=["planning"])
PLANNERS = [require_roles("planning", "group_general_manager")]


@router.get("/live-plans/{company_id}", response_model=LivePlanPublic, dependencies=PLANNERS,
            responses=refusals(API["get_live_plan"]))
async def read_live_plan(company_id: CompanyId, actor: ActorDep, services: ServicesDep,
                         limit: PageLimitQuery = 100) -> LivePlanPublic:
    """A company's live plan: its version, the last re-plan and what it moved (PLN-5)."""
    return await services.planning.get_live_plan(actor, company_id, limit)


@router.post("/rush-orders/{order_no}/impact", response_model=ReplanProposalPublic,
             dependencies=[require_roles("planning", "sales", "general_manager",
                                         "group_general_manager")],
             responses=refusals(API["assess_rush"]))
async def assess_rush(order_no: BusinessNo, actor: ActorDep,
                      services: ServicesDep) -> ReplanProposalPublic:
    """The orders a rush order would delay and by how much, before approval (PLN-9)."""
    tag_order(order_no)
    return await services.planning.assess_rush(actor, order_no)


@router.post("/rush-orders/{order_no}/approve", response_model=ReplanProposalPublic,
             dependencies=[require_roles("general_manager", "group_general_manager")],
             responses=refusals(API["approve_rush"]))
async def approve_rush(order_no: BusinessNo, actor: ActorDep,
                       services: ServicesDep) -> ReplanProposalPublic:
    """Leadership approves a rush order: the plan is adjusted as its impact list said."""
    tag_order(order_no)
    return await services.planning.approve_rush(actor, order_no)


@router.post("/live-plans/{company_id}/breakdowns", response_model=LivePlanPublic,
             status_code=201, dependencies=[require_roles(
                 "planning", "production_manager", "group_general_manager")],
             responses=refusals(API["record_breakdown"]))
async def record_breakdown(company_id: CompanyId, breakdown: BreakdownCreate, actor: ActorDep,
                           services: ServicesDep) -> LivePlanPublic:
    """Record a work centre out of action: the plan is repaired around it at once and sales
    is told of each re-dated order (PLN-5, SAL-11)."""
    return await services.planning.record_breakdown(actor, company_id, breakdown)


@router.post("/live-plans/{company_id}/resequence", response_model=ReplanProposalPublic,
             dependencies=PLANNERS, responses=refusals(API["propose_resequence"]))
async def propose_resequence(company_id: CompanyId, actor: ActorDep,
                             services: ServicesDep) -> ReplanProposalPublic:
    """Propose a new sequence under overload, with the orders it moves (PLN-7)."""
    return await services.planning.propose_resequence(actor, company_id)


@router.post("/resequences/{proposal_no}/approve", response_model=ReplanProposalPublic,
             dependencies=[require_roles("production_manager", "contract_management")],
             responses=refusals(API["approve_resequence"]))
async def approve_resequence(proposal_no: BusinessNo, actor: ActorDep,
                             services: ServicesDep) -> ReplanProposalPublic:
    """Approve a re-sequence; with both managers' approvals it is applied (PLN-7)."""
    return await services.planning.approve_resequence(actor, proposal_no)
