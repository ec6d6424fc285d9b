"""Planning: make-to-stock levels of standard items and their replenishment (PLN-11)."""

from __future__ import annotations

from fastapi import APIRouter, Query

from contracts.rpc.bounds import Code, CompanyId
from contracts.rpc.planning import API
from contracts.rpc.replenishment import (
    StockCounted,
    StockLevelsSet,
    StockTargetPublic,
)
from gateway.api.deps import ActorDep, PageAfterQuery, PageLimitQuery, ServicesDep, require_roles
from gateway.api.openapi import refusals
from gateway.api.routes.planning import PLANNERS

# the finished-goods store counts; sales and leadership read what is in stock
COUNTERS = [require_roles("logistics", "planning", "group_general_manager")]
READERS = [require_roles("planning", "logistics", "sales", "general_manager",
                         "group_general_manager")]

router = APIRouter(prefix="/planning/stock-items", tags=["planning"])


@router.get("", response_model=list[StockTargetPublic], dependencies=READERS,
            responses=refusals(API["list_stock_targets"]))
async def list_stock_items(actor: ActorDep, services: ServicesDep,
                           company_id: CompanyId | None = Query(default=None),
                           limit: PageLimitQuery = 100,
                           after: PageAfterQuery = None) -> list[StockTargetPublic]:
    """Your companies' products by code, a page after `after`, each with its make-to-stock
    levels (none: made to order only), on hand and being made (PLN-11)."""
    return await services.planning.list_stock_targets(actor, company_id, after, limit)


@router.post("/{product_code}/levels", response_model=StockTargetPublic, dependencies=PLANNERS,
            responses=refusals(API["set_stock_levels"]))
async def set_stock_levels(product_code: Code, levels: StockLevelsSet, actor: ActorDep,
                           services: ServicesDep) -> StockTargetPublic:
    """Set a standard item's min/max finished-goods levels; if stock is short, a
    replenishment order (MTS-...) up to the maximum is planned at once (PLN-11)."""
    return await services.planning.set_stock_levels(actor, product_code, levels)


@router.post("/{product_code}/count", response_model=StockTargetPublic, dependencies=COUNTERS,
             responses=refusals(API["count_stock"]))
async def count_stock(product_code: Code, count: StockCounted, actor: ActorDep,
                      services: ServicesDep) -> StockTargetPublic:
    """Record the store's count of a standard item; below its minimum, replenishment up to
    the maximum is planned (PLN-11)."""
    return await services.planning.count_stock(actor, product_code, count)
