"""Sales' receivables (收回货款, SAL-10): invoices from the contract's payment terms, payments
matched to them, the aging view and dunning (催款) step by step until collected."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum

from pydantic import BaseModel, Field

from contracts.errors import InvalidRequest, NotFound
from contracts.rpc.api import command, query
from contracts.rpc.bounds import BoundedDate, CompanyId, Percent
from contracts.rpc.common import BusinessNo, PageLimit, StrictPayload


class TermStage(StrEnum):
    """When a share of the contract falls due (SAL-10): its trigger."""

    DEPOSIT = "deposit"                    # on signing
    BEFORE_SHIPMENT = "before_shipment"    # once the goods are ready, before they leave
    AFTER_ACCEPTANCE = "after_acceptance"  # retention, once the customer has the goods


class PaymentTermCreate(StrictPayload):
    """One payment term of the contract (data, not code)."""

    stage: TermStage
    percent: Percent
    due_days: int = Field(default=0, ge=0, le=365,
                          description="calendar days after the stage's trigger")


class InvoiceStatus(StrEnum):
    OPEN = "open"
    PAID = "paid"


class InvoicePublic(BaseModel):
    invoice_no: str
    order_no: str
    company_id: str
    customer_code: str
    contract_no: str
    stage: TermStage
    amount: Decimal
    paid: Decimal
    open_amount: Decimal
    issued_at: datetime
    due_date: date
    status: InvoiceStatus
    dunning_level: int = Field(description="dunning steps taken so far (0: none)")
    paid_at: datetime | None = None


class DunningRunCreate(StrictPayload):
    """A dunning run (催款) as of a date: each overdue invoice gets its next step."""

    as_of: BoundedDate | None = Field(default=None, description="the dunning date; empty: "
                                                                 "today")


class DunningNoticePublic(BaseModel):
    invoice_no: str
    order_no: str
    company_id: str
    customer_code: str
    level: int
    action: str
    addressed_to: str
    days_overdue: int
    amount_open: Decimal
    as_of: date
    issued_at: datetime
    issued_by: str


class AgingBuckets(BaseModel):
    current: Decimal = Field(description="not yet due")
    days_1_30: Decimal
    days_31_60: Decimal
    days_61_90: Decimal
    over_90: Decimal
    total_open: Decimal


class CustomerAging(BaseModel):
    customer_code: str
    buckets: AgingBuckets


class CompanyAging(BaseModel):
    company_id: str
    buckets: AgingBuckets
    customers: list[CustomerAging]


class AgingPublic(BaseModel):
    """Open receivables by how long overdue, per customer and company (SAL-10)."""

    as_of: date
    companies: list[CompanyAging]
    total_open: Decimal


RECEIVABLES_METHODS = [
    query("list_invoices", order_no=(BusinessNo | None, None),
          status=(InvoiceStatus | None, None), limit=(PageLimit, 100),
          reply=list[InvoicePublic],
          doc="SAL-10: invoices of the actor's companies, earliest due first"),
    query("receivables_aging", as_of=(BoundedDate | None, None),
          company_id=(CompanyId | None, None), reply=AgingPublic, refuses=(NotFound,),
          doc="SAL-10: open invoices by days overdue, per customer and company"),
    command("run_dunning", run=DunningRunCreate, limit=(PageLimit, 500),
            reply=list[DunningNoticePublic], refuses=(InvalidRequest,),
            doc="SAL-10: each overdue, unpaid invoice gets its next dunning step (one per "
                "run); meets that step's limit and opens the next"),
    query("list_dunning_notices", order_no=(BusinessNo | None, None), limit=(PageLimit, 100),
          reply=list[DunningNoticePublic], doc="SAL-10: newest first"),
]
