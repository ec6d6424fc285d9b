"""Procurement's master data over RPC (issue 17): materials, suppliers and the approved
supplier list (合格供方名录, PRC-2) with approval date, scope, lead times and prices."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Annotated

from pydantic import BaseModel, Field, StrictBool

from contracts.errors import Conflict, Forbidden, InvalidRequest, NotFound
from contracts.rpc.api import command, query
from contracts.rpc.bounds import BoundedDate, Code, Money
from contracts.rpc.common import PageLimit, StrictPayload
from contracts.rpc.masterdata import MAX_IMPORT_ROWS, ImportReport, Name, Offset, Search, Text


class MaterialRecord(StrictPayload):
    material_code: Code
    name: Name
    unit: str = Field(default="pc", min_length=1, max_length=16, pattern=r"^[^\x00]+$")


class OfferRecord(StrictPayload):
    """What a supplier supplies: a material, its lead time and price."""

    material_code: Code
    lead_days: int = Field(ge=1, le=365)
    unit_price: Money


class SupplierRecord(StrictPayload):
    """A supplier; `approved` puts it on the approved list, from `approved_on`, for `scope`."""

    supplier_code: Code
    name: Name
    approved: StrictBool = False
    approved_on: BoundedDate | None = None
    scope: Text = Field(default="", description="what it is approved for")
    offers: list[OfferRecord] = Field(min_length=1, max_length=200)


class SupplierChange(StrictPayload):
    name: Name | None = None
    approved: StrictBool | None = None
    approved_on: BoundedDate | None = None
    scope: Text | None = None
    offers: list[OfferRecord] | None = Field(default=None, min_length=1, max_length=200)


class OfferPublic(BaseModel):
    material_code: str
    lead_days: int
    unit_price: Decimal


class SupplierMaster(BaseModel):
    supplier_code: str
    name: str
    approved: bool
    approved_on: date | None = None
    scope: str = ""
    retired: bool = False
    offers: list[OfferPublic]


class SupplierPage(BaseModel):
    items: list[SupplierMaster]
    total: int
    offset: int
    limit: int


class SupplierOfferRow(StrictPayload):
    """One row of a supplier workbook: a supplier and one thing it supplies (a supplier
    with several materials has several rows; its name and approval on each)."""

    supplier_code: Code
    name: Name
    approved: bool = False
    approved_on: BoundedDate | None = None
    scope: Text = ""
    material_code: Code
    lead_days: int = Field(ge=1, le=365)
    unit_price: Money


SupplierRows = Annotated[list[SupplierRecord], Field(min_length=1, max_length=MAX_IMPORT_ROWS)]

METHODS = [
    command("create_material", material=MaterialRecord, reply=MaterialRecord,
            refuses=(InvalidRequest, Conflict), doc="issue 17: a material procurement buys"),
    query("search_suppliers", search=(Search | None, None), approved_only=(bool, False),
          offset=(Offset, 0), limit=(PageLimit, 100), reply=SupplierPage,
          doc="issue 17: suppliers (the approved list with approved_only), a page"),
    command("create_supplier", supplier=SupplierRecord, reply=SupplierMaster,
            refuses=(InvalidRequest, Forbidden, Conflict),
            doc="issue 17, PRC-2: a supplier, approved or not; planning learns its lead times"),
    command("change_supplier", supplier_code=Code, change=SupplierChange, reply=SupplierMaster,
            refuses=(InvalidRequest, NotFound, Conflict),
            doc="issue 17: approve, withdraw, new lead times; POs placed keep theirs"),
    command("import_suppliers", suppliers=SupplierRows, reply=ImportReport,
            refuses=(InvalidRequest,),
            doc="issue 17: the supplier list from a workbook, one transaction, all or none"),
    command("retire_supplier", supplier_code=Code, reply=SupplierMaster, refuses=(NotFound,),
            doc="issue 17: off the approved list; its purchase orders stay"),
]
