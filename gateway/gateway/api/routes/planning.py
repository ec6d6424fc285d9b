"""Planning: feasibility, design reviews, plans and work orders (PLN-1..9, SAL-3)."""

from __future__ import annotations

from fastapi import APIRouter

from contracts.events.planning import WorkOrderStatus
from contracts.rpc.common import BusinessNo
from contracts.rpc.planning import (
    API,
    DemandPublic,
    DesignReviewCreate,
    FeasibilityAnswer,
    FeasibilityQuery,
    PlanPublic,
    ProgressReport,
    WorkOrderPublic,
)
from gateway.api.deps import (
    ActorDep,
    CurrentUser,
    PageLimitQuery,
    ServicesDep,
    ensure_company,
    require_roles,
)
from gateway.api.openapi import refusals
from gateway.core.telemetry import tag_order

router = APIRouter(prefix="/planning", tags=["planning"])
PLANNERS = [require_roles("planning", "group_general_manager")]
DESIGNERS = [require_roles("design", "group_general_manager")]


@router.post("/feasibility", response_model=FeasibilityAnswer,
             dependencies=[require_roles("planning", "sales", "group_general_manager")],
             responses=refusals(API["check_feasibility"]))
async def check_feasibility(query: FeasibilityQuery, user: CurrentUser,
                            services: ServicesDep) -> FeasibilityAnswer:
    """Can these lines be delivered by their requested dates, and what binds? (PLN-2)"""
    ensure_company(user, query.company_id)
    return await services.planning.check_feasibility(query)


@router.get("/demands/{order_no}", response_model=DemandPublic,
            dependencies=[require_roles("planning", "design", "group_general_manager")],
            responses=refusals(API["get_demand"]))
async def read_demand(order_no: BusinessNo, actor: ActorDep,
                      services: ServicesDep) -> DemandPublic:
    """An order as planning knows it (recorded from sales' event)."""
    tag_order(order_no)
    return await services.planning.get_demand(actor, order_no)


@router.get("/design-reviews", response_model=list[DemandPublic],
            dependencies=[require_roles("design", "planning", "group_general_manager")],
            responses=refusals(API["list_pending_design_reviews"]))
async def list_pending_design_reviews(actor: ActorDep, services: ServicesDep,
                                      limit: PageLimitQuery = 100
                                      ) -> list[DemandPublic]:
    """Non-regular orders waiting for design's review, oldest first (SAL-3)."""
    return await services.planning.list_pending_design_reviews(actor, limit)


@router.post("/design-reviews/{order_no}", response_model=DemandPublic, dependencies=DESIGNERS,
             responses=refusals(API["review_design"]))
async def review_design(order_no: BusinessNo, review: DesignReviewCreate, actor: ActorDep,
                        services: ServicesDep) -> DemandPublic:
    """Record design's review of a non-regular order: feasible, design days (SAL-3)."""
    tag_order(order_no)
    return await services.planning.review_design(actor, order_no, review)


@router.get("/plans/{order_no}", response_model=PlanPublic, dependencies=PLANNERS,
            responses=refusals(API["get_plan"]))
async def read_plan(order_no: BusinessNo, actor: ActorDep, services: ServicesDep) -> PlanPublic:
    """An order's production plan with its work orders and material requests (PLN-1)."""
    tag_order(order_no)
    return await services.planning.get_plan(actor, order_no)


@router.get("/work-orders", response_model=list[WorkOrderPublic], dependencies=PLANNERS,
            responses=refusals(API["list_work_orders"]))
async def list_work_orders(actor: ActorDep, services: ServicesDep,
                           status: WorkOrderStatus | None = None,
                           limit: PageLimitQuery = 100, order_no: BusinessNo | None = None
                           ) -> list[WorkOrderPublic]:
    """Work orders of your companies by planned start, optionally by status and order."""
    return await services.planning.list_work_orders(actor, status, limit, order_no)


@router.post("/work-orders/{work_order_no}/release", response_model=WorkOrderPublic,
             dependencies=PLANNERS, responses=refusals(API["release_work_order"]))
async def release_work_order(work_order_no: BusinessNo, actor: ActorDep,
                             services: ServicesDep) -> WorkOrderPublic:
    """Release a work order to the shop floor (refused while materials are missing)."""
    return await services.planning.release_work_order(actor, work_order_no)


@router.post("/work-orders/{work_order_no}/progress", response_model=WorkOrderPublic,
             dependencies=PLANNERS, responses=refusals(API["report_progress"]))
async def report_progress(work_order_no: BusinessNo, report: ProgressReport, actor: ActorDep,
                          services: ServicesDep) -> WorkOrderPublic:
    """Report a work order's daily progress (PLN-8)."""
    return await services.planning.report_progress(actor, work_order_no, report)


@router.post("/work-orders/{work_order_no}/complete", response_model=WorkOrderPublic,
             dependencies=PLANNERS, responses=refusals(API["complete_work_order"]))
async def complete_work_order(work_order_no: BusinessNo, actor: ActorDep,
                              services: ServicesDep) -> WorkOrderPublic:
    """Mark a work order done; the last one completes the order's production."""
    return await services.planning.complete_work_order(actor, work_order_no)
