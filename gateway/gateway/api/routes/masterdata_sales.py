"""Sales' master data, kept by sales (issue 17): the customer master (grade, payment terms,
contacts) and the dated price list (SAL-5); Excel import and export; the audit."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request, Response, status

from contracts.rpc.bounds import Code, CompanyId
from contracts.rpc.masterdata import MAX_IMPORT_ROWS, ImportReport, MasterDataChange, Text
from contracts.rpc.sales import API
from contracts.rpc.sales_masterdata import (
    CustomerChange,
    CustomerMaster,
    CustomerPage,
    CustomerRecord,
    PricePublic,
    PriceRecord,
)
from gateway.api.deps import ActorDep, PageLimitQuery, ServicesDep, require_roles
from gateway.api.masterdata import (
    OffsetQuery,
    SearchQuery,
    excel_response,
    records_of_workbook,
    workbook_upload,
)
from gateway.api.openapi import file_answer, refusals
from gateway.api.routes.sales import SALES_ROLES
from gateway.core.workbooks import XLSX

router = APIRouter(prefix="/masterdata/sales", tags=["master data: sales"],
                   dependencies=[require_roles(*SALES_ROLES)])
CUSTOMER_COLUMNS = list(CustomerRecord.model_fields)


@router.get("/customers", response_model=CustomerPage,
            responses=refusals(API["search_customers"]))
async def search_customers(actor: ActorDep, services: ServicesDep,
                           search: SearchQuery = None, company_id: CompanyId | None = None,
                           include_retired: bool = False, offset: OffsetQuery = 0,
                           limit: PageLimitQuery = 100) -> CustomerPage:
    """Customers of your companies whose code or name contains `search`, a page."""
    return await services.sales.search_customers(actor, search, company_id, include_retired,
                                                 offset, limit)


@router.post("/customers", status_code=status.HTTP_201_CREATED, response_model=CustomerMaster,
             responses=refusals(API["create_customer"]))
async def create_customer(customer: CustomerRecord, actor: ActorDep,
                          services: ServicesDep) -> CustomerMaster:
    """Add a customer to the customer master (grade, payment terms, contacts)."""
    return await services.sales.create_customer(actor, customer)


@router.patch("/customers/{company_id}/{customer_code}", response_model=CustomerMaster,
              responses=refusals(API["change_customer"]))
async def change_customer(company_id: CompanyId, customer_code: Code, change: CustomerChange,
                          actor: ActorDep, services: ServicesDep) -> CustomerMaster:
    """Change a customer; orders already taken keep what they were taken with."""
    return await services.sales.change_customer(actor, company_id, customer_code, change)


@router.post("/customers/{company_id}/{customer_code}/retire", response_model=CustomerMaster,
             responses=refusals(API["retire_customer"]))
async def retire_customer(company_id: CompanyId, customer_code: Code, actor: ActorDep,
                          services: ServicesDep) -> CustomerMaster:
    """Retire a customer: no new orders; the orders that reference it stay."""
    return await services.sales.retire_customer(actor, company_id, customer_code)


@router.post("/customers/import", response_model=ImportReport,
             **workbook_upload(API["import_customers"]))
async def import_customers(request: Request, actor: ActorDep,
                           services: ServicesDep) -> ImportReport:
    """Import customers from an .xlsx sheet: every row in one transaction, or none."""
    customers = await records_of_workbook(request, CustomerRecord, MAX_IMPORT_ROWS)
    return await services.sales.import_customers(actor, customers)


@router.get("/customers/export", response_class=Response,
            responses=file_answer(XLSX, "the customer master as an .xlsx sheet",
                                  API["search_customers"]))
async def export_customers(actor: ActorDep, services: ServicesDep,
                           company_id: CompanyId | None = None) -> Response:
    """The customer master of your companies as an .xlsx sheet (the import's columns)."""
    rows, offset = [], 0
    while True:  # page through: every list is bounded
        page = await services.sales.search_customers(actor, None, company_id, False, offset,
                                                     1000)
        rows += [item.model_dump() for item in page.items]
        offset += len(page.items)
        if not page.items or offset >= page.total:
            break
    return excel_response(CUSTOMER_COLUMNS, rows, "customers")


@router.post("/prices", status_code=status.HTTP_201_CREATED, response_model=PricePublic,
             responses=refusals(API["set_price"]))
async def set_price(price: PriceRecord, actor: ActorDep, services: ServicesDep) -> PricePublic:
    """Enter a list price from a date (today or later); quotations before it keep theirs."""
    return await services.sales.set_price(actor, price)


@router.get("/prices", response_model=list[PricePublic], responses=refusals(API["list_prices"]))
async def list_prices(company_id: CompanyId, actor: ActorDep, services: ServicesDep,
                      product_code: Code | None = None, offset: OffsetQuery = 0,
                      limit: PageLimitQuery = 100) -> list[PricePublic]:
    """Every version of a company's price list, per product newest first."""
    return await services.sales.list_prices(actor, company_id, product_code, offset, limit)


@router.get("/{kind}/changes", response_model=list[MasterDataChange],
            responses=refusals(API["master_data_changes"]))
async def master_data_changes(kind: Code, key: Annotated[Text, Query()],
                              actor: ActorDep, services: ServicesDep, offset: OffsetQuery = 0,
                              limit: PageLimitQuery = 100) -> list[MasterDataChange]:
    """Who changed a customer or price (key `P1/CUST-9`), when, before and after."""
    return await services.sales.master_data_changes(actor, kind, key, offset, limit)
