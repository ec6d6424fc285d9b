"""Sales' master data over RPC (issue 17): the customer master (grade, payment terms,
contacts) and the dated price list (SAL-5), kept by sales through the gateway."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Annotated, Literal

from pydantic import BaseModel, Field

from contracts.errors import Conflict, Forbidden, InvalidRequest, NotFound
from contracts.rpc.api import command, query
from contracts.rpc.bounds import BoundedDate, Code, CompanyId, Money
from contracts.rpc.common import PageLimit, StrictPayload
from contracts.rpc.masterdata import (
    MAX_IMPORT_ROWS,
    ImportReport,
    MasterDataChange,
    Name,
    Offset,
    Search,
    Text,
)

Grade = Literal["A", "B", "C"]  # ORD: customers carry a grade (PLN-5, PLN-9 read it)
Currency = Literal["CNY", "USD", "EUR"]


class CustomerRecord(StrictPayload):
    """A customer as the customer master keeps it (SAL-1)."""

    company_id: CompanyId
    customer_code: Code
    name: Name
    grade: Grade
    address: Text = ""
    payment_terms: Text = Field(default="", description="e.g. '30% deposit, rest before "
                                "shipment' (SAL-6, SAL-10)")
    contacts: Text = ""


class CustomerChange(StrictPayload):
    """Only the fields sent change."""

    name: Name | None = None
    grade: Grade | None = None
    address: Text | None = None
    payment_terms: Text | None = None
    contacts: Text | None = None


class CustomerMaster(BaseModel):
    company_id: str
    customer_code: str
    name: str
    grade: str
    address: str = ""
    payment_terms: str = ""
    contacts: str = ""
    retired: bool = False


class CustomerPage(BaseModel):
    items: list[CustomerMaster]
    total: int
    offset: int
    limit: int


class PriceRecord(StrictPayload):
    """A list price from a date on (SAL-5): today's quotations keep the price in force
    today, however many later versions are entered."""

    company_id: CompanyId
    product_code: Code
    unit_price: Money
    currency: Currency = "CNY"
    effective_from: BoundedDate


class PricePublic(BaseModel):
    company_id: str
    product_code: str
    unit_price: Decimal
    currency: str
    effective_from: date


CustomerRows = Annotated[list[CustomerRecord], Field(min_length=1, max_length=MAX_IMPORT_ROWS)]

METHODS = [
    query("search_customers", search=(Search | None, None), company_id=(CompanyId | None, None),
          include_retired=(bool, False), offset=(Offset, 0), limit=(PageLimit, 100),
          reply=CustomerPage, doc="issue 17: the customer master, by code or name, a page"),
    command("create_customer", customer=CustomerRecord, reply=CustomerMaster,
            refuses=(InvalidRequest, Forbidden, Conflict), doc="issue 17: a new customer"),
    command("change_customer", company_id=CompanyId, customer_code=Code,
            change=CustomerChange, reply=CustomerMaster, refuses=(NotFound, Conflict),
            doc="issue 17: grade, terms, contacts; orders already taken keep theirs"),
    command("retire_customer", company_id=CompanyId, customer_code=Code,
            reply=CustomerMaster, refuses=(NotFound,),
            doc="issue 17: no new orders; the orders that reference it stay"),
    command("import_customers", customers=CustomerRows, reply=ImportReport,
            refuses=(InvalidRequest, Forbidden),
            doc=f"issue 17: up to {MAX_IMPORT_ROWS} rows in one transaction, all or none"),
    command("set_price", price=PriceRecord, reply=PricePublic,
            refuses=(InvalidRequest, Forbidden),
            doc="SAL-5, issue 17: a price version from a date, today or later"),
    query("list_prices", company_id=CompanyId, product_code=(Code | None, None),
          offset=(Offset, 0), limit=(PageLimit, 100), reply=list[PricePublic],
          doc="issue 17: every version of the price list, newest first"),
    query("master_data_changes", kind=Code, key=Text, offset=(Offset, 0),
          limit=(PageLimit, 100), reply=list[MasterDataChange],
          doc="issue 17: who changed a record, when, before and after"),
]
