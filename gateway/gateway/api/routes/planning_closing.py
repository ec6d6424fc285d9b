"""Planning: closing a completed order (PLN-13) and the production statistics (PLN-14)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from contracts.rpc.bounds import BoundedDate, Code, CompanyId
from contracts.rpc.closing import ClosingCreate, ClosingPublic, ProductionStatisticsPublic
from contracts.rpc.common import BusinessNo
from contracts.rpc.planning import API
from gateway.api.deps import ActorDep, ServicesDep, require_roles
from gateway.api.openapi import refusals
from gateway.api.routes.planning import PLANNERS
from gateway.core.telemetry import tag_order

# PLN-14: production's figures, for planning and the leadership that reads them
READERS = [require_roles("planning", "general_manager", "group_general_manager")]

router = APIRouter(prefix="/planning", tags=["planning"])


@router.post("/plans/{order_no}/closing", response_model=ClosingPublic, status_code=201,
             dependencies=PLANNERS, responses=refusals(API["close_order"]))
async def close_order(order_no: BusinessNo, closing: ClosingCreate, actor: ActorDep,
                      services: ServicesDep) -> ClosingPublic:
    """Close a completed (stocked) order: planned vs actual quantity, scrap, hours and the
    cost you enter are reconciled (PLN-13). 409 before completion and once closed."""
    tag_order(order_no)
    return await services.planning.close_order(actor, order_no, closing)


@router.get("/plans/{order_no}/closing", response_model=ClosingPublic, dependencies=READERS,
            responses=refusals(API["get_closing"]))
async def read_closing(order_no: BusinessNo, actor: ActorDep,
                       services: ServicesDep) -> ClosingPublic:
    """An order's closing (PLN-13); 404 until it is closed."""
    tag_order(order_no)
    return await services.planning.get_closing(actor, order_no)


@router.get("/statistics", response_model=ProductionStatisticsPublic, dependencies=READERS,
            responses=refusals(API["production_statistics"]))
async def production_statistics(
        period_from: Annotated[BoundedDate, Query(alias="from", description="first local "
                                                  "date of the period")],
        period_to: Annotated[BoundedDate, Query(alias="to", description="last local date; "
                                                "at most 366 days in all")],
        actor: ActorDep, services: ServicesDep, company_id: CompanyId | None = Query(
            default=None, description="omit for the whole group (group roles only)"),
        work_centre: Code | None = None) -> ProductionStatisticsPublic:
    """Efficiency, defect rate, equipment utilisation and on-time rate of a company and
    period, optionally of one work centre (PLN-14)."""
    return await services.planning.production_statistics(actor, company_id, period_from,
                                                          period_to, work_centre)
