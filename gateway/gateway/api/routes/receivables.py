"""Receivables (收回货款, SAL-10): invoices, the aging view and dunning runs."""

from __future__ import annotations

from fastapi import APIRouter, status

from contracts.rpc.bounds import BoundedDate, CompanyId
from contracts.rpc.common import BusinessNo
from contracts.rpc.sales import API
from contracts.rpc.sales_receivables import (
    AgingPublic,
    DunningNoticePublic,
    DunningRunCreate,
    InvoicePublic,
    InvoiceStatus,
)
from gateway.api.deps import ActorDep, PageLimitQuery, ServicesDep, require_roles
from gateway.api.openapi import refusals

# Sales and its contract & order management follow the money (finance's part of sales).
router = APIRouter(prefix="/sales", tags=["receivables"], dependencies=[require_roles(
    "sales", "contract_management", "general_manager", "group_general_manager")])


@router.get("/invoices", response_model=list[InvoicePublic],
            responses=refusals(API["list_invoices"]))
async def list_invoices(actor: ActorDep, services: ServicesDep,
                        order_no: BusinessNo | None = None,
                        status: InvoiceStatus | None = None,
                        limit: PageLimitQuery = 100) -> list[InvoicePublic]:
    """Invoices of your companies from the contracts' payment terms, earliest due first."""
    return await services.sales.list_invoices(actor, order_no, status, limit)


@router.get("/receivables/aging", response_model=AgingPublic,
            responses=refusals(API["receivables_aging"]))
async def receivables_aging(actor: ActorDep, services: ServicesDep,
                            as_of: BoundedDate | None = None,
                            company_id: CompanyId | None = None) -> AgingPublic:
    """Open invoices by days overdue, per customer and company (SAL-10)."""
    return await services.sales.receivables_aging(actor, as_of, company_id)


@router.post("/receivables/dunning-runs", status_code=status.HTTP_201_CREATED,
             response_model=list[DunningNoticePublic], responses=refusals(API["run_dunning"]))
async def run_dunning(run: DunningRunCreate, actor: ActorDep, services: ServicesDep,
                      limit: PageLimitQuery = 500) -> list[DunningNoticePublic]:
    """Run dunning as of a date: each overdue invoice gets its next step (SAL-10)."""
    return await services.sales.run_dunning(actor, run, limit)


@router.get("/receivables/dunning-notices", response_model=list[DunningNoticePublic],
            responses=refusals(API["list_dunning_notices"]))
async def list_dunning_notices(actor: ActorDep, services: ServicesDep,
                               order_no: BusinessNo | None = None,
                               limit: PageLimitQuery = 100) -> list[DunningNoticePublic]:
    """Dunning notices of your companies, newest first (SAL-10)."""
    return await services.sales.list_dunning_notices(actor, order_no, limit)



