"""Procurement's master data, kept by procurement (issue 17): materials, suppliers and the
approved supplier list (合格供方名录, PRC-2) with approval dates, scope and lead times."""

from __future__ import annotations

from fastapi import APIRouter, Request, status
from pydantic import ValidationError

from contracts.rpc.bounds import Code
from contracts.rpc.masterdata import MAX_IMPORT_ROWS, ImportReport
from contracts.rpc.procurement import API
from contracts.rpc.procurement_masterdata import (
    MaterialRecord,
    SupplierChange,
    SupplierMaster,
    SupplierOfferRow,
    SupplierPage,
    SupplierRecord,
)
from gateway.api.deps import ActorDep, PageLimitQuery, ServicesDep, require_roles
from gateway.api.masterdata import (
    OffsetQuery,
    SearchQuery,
    records_of_workbook,
    workbook_upload,
)
from gateway.api.openapi import refusals
from gateway.core.workbooks import BadWorkbook

router = APIRouter(prefix="/masterdata/procurement", tags=["master data: procurement"],
                   dependencies=[require_roles("procurement", "group_general_manager")])


@router.post("/materials", status_code=status.HTTP_201_CREATED, response_model=MaterialRecord,
             responses=refusals(API["create_material"]))
async def create_material(material: MaterialRecord, actor: ActorDep,
                          services: ServicesDep) -> MaterialRecord:
    """Add a material that procurement buys."""
    return await services.procurement.create_material(actor, material)


@router.get("/suppliers", response_model=SupplierPage,
            responses=refusals(API["search_suppliers"]))
async def search_suppliers(actor: ActorDep, services: ServicesDep, search: SearchQuery = None,
                           approved_only: bool = False, offset: OffsetQuery = 0,
                           limit: PageLimitQuery = 100) -> SupplierPage:
    """Suppliers whose code or name contains `search` (the approved list: approved_only)."""
    return await services.procurement.search_suppliers(actor, search, approved_only, offset,
                                                       limit)


@router.post("/suppliers", status_code=status.HTTP_201_CREATED, response_model=SupplierMaster,
             responses=refusals(API["create_supplier"]))
async def create_supplier(supplier: SupplierRecord, actor: ActorDep,
                          services: ServicesDep) -> SupplierMaster:
    """Add a supplier with what it supplies; approved, it joins the approved list (PRC-2)."""
    return await services.procurement.create_supplier(actor, supplier)


@router.patch("/suppliers/{supplier_code}", response_model=SupplierMaster,
              responses=refusals(API["change_supplier"]))
async def change_supplier(supplier_code: Code, change: SupplierChange, actor: ActorDep,
                          services: ServicesDep) -> SupplierMaster:
    """Approve or withdraw a supplier, or change its lead times and prices."""
    return await services.procurement.change_supplier(actor, supplier_code, change)


@router.post("/suppliers/{supplier_code}/retire", response_model=SupplierMaster,
             responses=refusals(API["retire_supplier"]))
async def retire_supplier(supplier_code: Code, actor: ActorDep,
                          services: ServicesDep) -> SupplierMaster:
    """Take a supplier off the approved list for good; its purchase orders stay."""
    return await services.procurement.retire_supplier(actor, supplier_code)


@router.post("/suppliers/import", response_model=ImportReport,
             **workbook_upload(API["import_suppliers"]))
async def import_suppliers(request: Request, actor: ActorDep,
                           services: ServicesDep) -> ImportReport:
    """Import suppliers from an .xlsx sheet, a row per material: all in one go, or none."""
    rows = await records_of_workbook(request, SupplierOfferRow, MAX_IMPORT_ROWS)
    suppliers: dict[str, dict] = {}
    for row in rows:
        supplier = suppliers.setdefault(row.supplier_code, {
            **row.model_dump(include={"supplier_code", "name", "approved", "approved_on",
                                      "scope"}), "offers": []})
        supplier["offers"].append(row.model_dump(include={"material_code", "lead_days",
                                                          "unit_price"}))
    try:
        records = [SupplierRecord.model_validate(s) for s in suppliers.values()]
    except ValidationError as exc:  # e.g. more offers of one supplier than a record holds
        raise BadWorkbook(f"a supplier of the workbook is wrong: {exc.errors()[0]['msg']}") \
            from None
    return await services.procurement.import_suppliers(actor, records)
