"""Planning: feasibility, design reviews, plans and work orders (PLN-1..9, SAL-3)."""

from __future__ import annotations

from fastapi import APIRouter, Query

from contracts.rpc.planning import (
    DemandPublic,
    DesignReviewCreate,
    FeasibilityAnswer,
    FeasibilityQuery,
    PlanPublic,
    ProgressReport,
    WorkOrderPublic,
)
from gateway.api.deps import ActorDep, CurrentUser, ServicesDep, ensure_company, require_roles
from gateway.core.telemetry import tag_order

router = APIRouter(prefix="/planning", tags=["planning"])
PLANNERS = [require_roles("planning", "group_general_manager")]
DESIGNERS = [require_roles("design", "group_general_manager")]


@router.post("/feasibility", response_model=FeasibilityAnswer,
             dependencies=[require_roles("planning", "sales", "group_general_manager")])
async def check_feasibility(query: FeasibilityQuery, user: CurrentUser,
                            services: ServicesDep) -> dict:
    """Can these lines be delivered by their requested dates, and what binds? (PLN-2)"""
    ensure_company(user, query.company_id)
    return await services.call("planning", "check_feasibility", query.model_dump(mode="json"))


@router.get("/demands/{order_no}", response_model=DemandPublic,
            dependencies=[require_roles("planning", "design", "group_general_manager")])
async def read_demand(order_no: str, actor: ActorDep, services: ServicesDep) -> dict:
    """An order as planning knows it (recorded from sales' event)."""
    tag_order(order_no)
    return await services.call("planning", "get_demand", actor, order_no)


@router.get("/design-reviews", response_model=list[DemandPublic],
            dependencies=[require_roles("design", "planning", "group_general_manager")])
async def list_pending_design_reviews(actor: ActorDep, services: ServicesDep) -> list:
    """Non-regular orders waiting for design's review."""
    return await services.call("planning", "list_pending_design_reviews", actor)


@router.post("/design-reviews/{order_no}", response_model=DemandPublic, dependencies=DESIGNERS)
async def review_design(order_no: str, review: DesignReviewCreate, actor: ActorDep,
                        services: ServicesDep) -> dict:
    """Record design's review of a non-regular order: feasible, design days (SAL-3)."""
    tag_order(order_no)
    return await services.call("planning", "review_design", actor, order_no,
                               review.model_dump(mode="json"))


@router.get("/plans/{order_no}", response_model=PlanPublic, dependencies=PLANNERS)
async def read_plan(order_no: str, actor: ActorDep, services: ServicesDep) -> dict:
    """An order's production plan with its work orders and material requests (PLN-1)."""
    tag_order(order_no)
    return await services.call("planning", "get_plan", actor, order_no)


@router.get("/work-orders", response_model=list[WorkOrderPublic], dependencies=PLANNERS)
async def list_work_orders(actor: ActorDep, services: ServicesDep,
                           status: str | None = Query(default=None, max_length=32)) -> list:
    """Work orders of your companies, optionally by status."""
    return await services.call("planning", "list_work_orders", actor, status)


@router.post("/work-orders/{work_order_no}/release", response_model=WorkOrderPublic,
             dependencies=PLANNERS)
async def release_work_order(work_order_no: str, actor: ActorDep, services: ServicesDep) -> dict:
    """Release a work order to the shop floor (refused while materials are missing)."""
    return await services.call("planning", "release_work_order", actor, work_order_no)


@router.post("/work-orders/{work_order_no}/progress", response_model=WorkOrderPublic,
             dependencies=PLANNERS)
async def report_progress(work_order_no: str, report: ProgressReport, actor: ActorDep,
                          services: ServicesDep) -> dict:
    """Report a work order's daily progress (PLN-8)."""
    return await services.call("planning", "report_progress", actor, work_order_no,
                               report.model_dump(mode="json"))


@router.post("/work-orders/{work_order_no}/complete", response_model=WorkOrderPublic,
             dependencies=PLANNERS)
async def complete_work_order(work_order_no: str, actor: ActorDep, services: ServicesDep) -> dict:
    """Mark a work order done; the last one completes the order's production."""
    return await services.call("planning", "complete_work_order", actor, work_order_no)
