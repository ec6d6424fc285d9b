"""Planning's master data over RPC (issue 17): products with multi-level BOMs and routings,
work centres with their shift calendars (PLN-4, PLN-5), kept by planning and design."""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated

from pydantic import BaseModel, Field, StrictBool

from contracts.errors import Conflict, Forbidden, InvalidRequest, NotFound
from contracts.rpc.api import command, query
from contracts.rpc.bounds import Code, CompanyId, Quantity
from contracts.rpc.common import PageLimit, StrictPayload
from contracts.rpc.masterdata import Name, Offset, Search

ClockTime = Annotated[str, Field(pattern=r"^([01][0-9]|2[0-3]):[0-5][0-9]$",
                                 description="local wall-clock time HH:MM")]


class BomLineRecord(StrictPayload):
    material_code: Code = Field(description="a material, or another product of the same "
                                "company (a sub-assembly: its own BOM is exploded)")
    quantity: Quantity


class RoutingStepRecord(StrictPayload):
    step: int = Field(ge=1, le=9999)
    work_centre: Code
    minutes_per_unit: int = Field(ge=1, le=100_000)


class ProductRecord(StrictPayload):
    """A product as planning and design keep it (PLN-4, PLN-5)."""

    company_id: CompanyId
    product_code: Code
    name: Name
    complete_set: StrictBool = False
    bom: list[BomLineRecord] = Field(min_length=1, max_length=200)
    routing: list[RoutingStepRecord] = Field(min_length=1, max_length=50)


class ProductChange(StrictPayload):
    """Only the fields sent change; plans already published keep what they were made with."""

    name: Name | None = None
    complete_set: StrictBool | None = None
    bom: list[BomLineRecord] | None = Field(default=None, min_length=1, max_length=200)
    routing: list[RoutingStepRecord] | None = Field(default=None, min_length=1, max_length=50)


class BomLinePublic(BaseModel):
    material_code: str
    quantity: Decimal


class RoutingStepPublic(BaseModel):
    step: int
    work_centre: str
    minutes_per_unit: int


class ProductMaster(BaseModel):
    company_id: str
    product_code: str
    name: str
    complete_set: bool
    bom: list[BomLinePublic]
    routing: list[RoutingStepPublic]
    retired: bool = False


class ProductPage(BaseModel):
    items: list[ProductMaster]
    total: int
    offset: int
    limit: int


class Shift(StrictPayload):
    start: ClockTime
    end: ClockTime


class WorkCentreRecord(StrictPayload):
    """A line or cell (PLN-5): its shifts on working days (the Chinese working-day calendar)
    and how many units run side by side; a second shift is one more entry."""

    company_id: CompanyId
    code: Code
    name: Name
    shifts: list[Shift] = Field(min_length=1, max_length=4)
    parallel_units: int = Field(default=1, ge=1, le=100)


class WorkCentreChange(StrictPayload):
    name: Name | None = None
    shifts: list[Shift] | None = Field(default=None, min_length=1, max_length=4)
    parallel_units: int | None = Field(default=None, ge=1, le=100)


class WorkCentreMaster(BaseModel):
    company_id: str
    code: str
    name: str
    shifts: list[dict]
    parallel_units: int


METHODS = [
    query("search_products", search=(Search | None, None), company_id=(CompanyId | None, None),
          include_retired=(bool, False), offset=(Offset, 0), limit=(PageLimit, 100),
          reply=ProductPage, doc="issue 17: products by code or name, a page"),
    command("create_product", product=ProductRecord, reply=ProductMaster,
            refuses=(InvalidRequest, Forbidden, Conflict),
            doc="issue 17, PLN-4/5: a product with its BOM (multi-level) and routing"),
    command("change_product", product_code=Code, change=ProductChange, reply=ProductMaster,
            refuses=(InvalidRequest, NotFound, Conflict),
            doc="issue 17: new plans use it; published plans keep theirs"),
    command("retire_product", product_code=Code, reply=ProductMaster, refuses=(NotFound,),
            doc="issue 17: no longer offered; plans that reference it stay"),
    query("list_work_centres", company_id=(CompanyId | None, None), offset=(Offset, 0),
          limit=(PageLimit, 100), reply=list[WorkCentreMaster],
          doc="issue 17: the work centres of the actor's companies"),
    command("create_work_centre", work_centre=WorkCentreRecord, reply=WorkCentreMaster,
            refuses=(InvalidRequest, Forbidden, Conflict),
            doc="issue 17, PLN-5: a line with its shift calendar"),
    command("change_work_centre", code=Code, change=WorkCentreChange, reply=WorkCentreMaster,
            refuses=(InvalidRequest, NotFound), doc="issue 17: e.g. a second shift"),
]
