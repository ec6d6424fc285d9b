"""Planning's master data, kept by planning and design (issue 17): products with their
multi-level BOMs and routings, work centres with their shift calendars (PLN-4, PLN-5)."""

from __future__ import annotations

from fastapi import APIRouter, status

from contracts.rpc.bounds import Code, CompanyId
from contracts.rpc.planning import API
from contracts.rpc.planning_masterdata import (
    ProductChange,
    ProductMaster,
    ProductPage,
    ProductRecord,
    WorkCentreChange,
    WorkCentreMaster,
    WorkCentreRecord,
)
from gateway.api.deps import ActorDep, PageLimitQuery, ServicesDep, require_roles
from gateway.api.masterdata import OffsetQuery, SearchQuery
from gateway.api.openapi import refusals

router = APIRouter(prefix="/masterdata/planning", tags=["master data: planning"],
                   dependencies=[require_roles("planning", "design", "group_general_manager")])


@router.get("/products", response_model=ProductPage, responses=refusals(API["search_products"]))
async def search_products(actor: ActorDep, services: ServicesDep, search: SearchQuery = None,
                          company_id: CompanyId | None = None, include_retired: bool = False,
                          offset: OffsetQuery = 0, limit: PageLimitQuery = 100) -> ProductPage:
    """Products of your companies whose code or name contains `search`, a page."""
    return await services.planning.search_products(actor, search, company_id,
                                                   include_retired, offset, limit)


@router.post("/products", status_code=status.HTTP_201_CREATED, response_model=ProductMaster,
             responses=refusals(API["create_product"]))
async def create_product(product: ProductRecord, actor: ActorDep,
                         services: ServicesDep) -> ProductMaster:
    """Add a product with its BOM (a line may be a sub-assembly) and routing."""
    return await services.planning.create_product(actor, product)


@router.patch("/products/{product_code}", response_model=ProductMaster,
              responses=refusals(API["change_product"]))
async def change_product(product_code: Code, change: ProductChange, actor: ActorDep,
                         services: ServicesDep) -> ProductMaster:
    """Change a product's BOM or routing; published plans keep what they were made with."""
    return await services.planning.change_product(actor, product_code, change)


@router.post("/products/{product_code}/retire", response_model=ProductMaster,
             responses=refusals(API["retire_product"]))
async def retire_product(product_code: Code, actor: ActorDep,
                         services: ServicesDep) -> ProductMaster:
    """Retire a product; the plans that reference it stay."""
    return await services.planning.retire_product(actor, product_code)


@router.get("/work-centres", response_model=list[WorkCentreMaster],
            responses=refusals(API["list_work_centres"]))
async def list_work_centres(actor: ActorDep, services: ServicesDep,
                            company_id: CompanyId | None = None, offset: OffsetQuery = 0,
                            limit: PageLimitQuery = 100) -> list[WorkCentreMaster]:
    """The work centres of your companies with their shifts."""
    return await services.planning.list_work_centres(actor, company_id, offset, limit)


@router.post("/work-centres", status_code=status.HTTP_201_CREATED,
             response_model=WorkCentreMaster, responses=refusals(API["create_work_centre"]))
async def create_work_centre(work_centre: WorkCentreRecord, actor: ActorDep,
                             services: ServicesDep) -> WorkCentreMaster:
    """Add a line with its shifts on the company's working days (PLN-5)."""
    return await services.planning.create_work_centre(actor, work_centre)


@router.patch("/work-centres/{code}", response_model=WorkCentreMaster,
              responses=refusals(API["change_work_centre"]))
async def change_work_centre(code: Code, change: WorkCentreChange, actor: ActorDep,
                             services: ServicesDep) -> WorkCentreMaster:
    """Change a line's shifts (a second shift) or its parallel units."""
    return await services.planning.change_work_centre(actor, code, change)
