"""Sales' RPC payloads: commands from the gateway and the views it reads."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Annotated

from pydantic import BaseModel, Field, StrictBool

from contracts.errors import Conflict, Forbidden, InvalidRequest, NotFound
from contracts.events.sales import NonRegularReason, OrderKind, OrderStatus
from contracts.rpc import installations, sales_masterdata
from contracts.rpc.api import ServiceApi, command, query
from contracts.rpc.bounds import BoundedDate, Money, Percent, Quantity
from contracts.rpc.change_notices import METHODS as CHANGE_NOTICES
from contracts.rpc.common import BusinessNo, PageAfter, PageLimit, StrictPayload
from contracts.rpc.follow_ups import METHODS as FOLLOW_UPS
from contracts.rpc.sales_receivables import RECEIVABLES_METHODS, PaymentTermCreate
from contracts.rpc.sales_shipping import SHIPPING_INSTRUCTION_METHODS


class OrderLineCreate(StrictPayload):
    product_code: str = Field(min_length=1, max_length=64)
    spec: str = Field(default="", max_length=200)
    quantity: Quantity
    requested_date: BoundedDate


class OrderCreate(StrictPayload):
    """A customer order as sales records it (SAL-1); the customer's grade comes from the
    customer master, the kind from the reasons given (ORD-1..3)."""

    company_id: str = Field(min_length=1, max_length=32)
    customer_code: str = Field(min_length=1, max_length=64)
    lines: list[OrderLineCreate] = Field(min_length=1, max_length=200)
    non_regular_reasons: list[NonRegularReason] = Field(default_factory=list)
    repeat_of: str | None = Field(default=None, description="the earlier order repeated (ORD-3)")
    rush: StrictBool = False
    complete_set: StrictBool = Field(default=False, description="complete set / project (ORD-5)")
    project_name: str | None = Field(default=None, max_length=200)
    delivery_address: str = Field(default="", max_length=300)


class ImportedOrder(StrictPayload):
    """One order of a customer's spreadsheet, with the rows it came from (for the reasons)."""

    rows: str = Field(min_length=1, max_length=32, description='spreadsheet rows, e.g. "2-4"')
    order: OrderCreate


class OrderImport(StrictPayload):
    """A customer's spreadsheet of orders (SAL-1): recorded all together or not at all."""

    orders: list[ImportedOrder] = Field(min_length=1, max_length=200)


class DateAgreement(StrictPayload):
    """The customer accepted a later date after an infeasible review (SAL-4)."""

    confirmed_date: date
    note: str = Field(default="", max_length=500)


class DeclineCreate(StrictPayload):
    """Declining needs the GM's approval (SAL-4)."""

    reason: str = Field(min_length=3, max_length=500)


class ContractCreate(StrictPayload):
    """The contract (订单购销单) signed by the customer (SAL-6)."""

    deposit_percent: Percent = Decimal("30")
    pay_in_full_before_shipment: StrictBool = True
    signed_at: datetime | None = None
    payment_terms: list[PaymentTermCreate] | None = Field(
        default=None, min_length=1, max_length=3,
        description="the contract's payment terms (SAL-10), adding up to 100%; when given "
                    "they set the deposit and whether the rest is due before shipment; "
                    "empty: the deposit on signing and the rest before shipment (or, if "
                    "goods may leave on the deposit, 30 days after acceptance)")


class PaymentCreate(StrictPayload):
    amount: Money
    reference: str = Field(default="", max_length=100)


class PaymentReversalCreate(StrictPayload):
    """Finance takes a recorded payment back (bounced, recalled), with the reason (LOG-2)."""

    reason: str = Field(min_length=1, max_length=70, pattern=r"^[^\x00]*\S[^\x00]*$")


PaymentNo = Annotated[int, Field(ge=1, le=1000, description="the payment's place in the order "
                                 "in which the order's payments were recorded, from 1")]


class OrderLinePublic(BaseModel):
    line_no: int
    product_code: str
    spec: str
    quantity: Decimal
    requested_date: date
    confirmed_date: date | None = None
    unit_price: Decimal | None = None


class ReviewPublic(BaseModel):
    feasible: bool
    earliest_date: date
    binding_constraint: str
    binding_kind: str = Field(default="", description="capacity | material | design | none")
    reviewed_by: str
    reviewed_at: datetime


class OrderPublic(BaseModel):
    order_no: str
    company_id: str
    customer_code: str
    customer_grade: str
    kind: OrderKind
    non_regular_reasons: list[NonRegularReason]
    repeat_of: str | None
    rush: bool
    complete_set: bool
    status: OrderStatus
    received_at: datetime
    lines: list[OrderLinePublic]
    review: ReviewPublic | None = None
    design_review: dict | None = None
    quotation_total: Decimal | None = None
    contract_no: str | None = None
    contract_total: Decimal | None = None
    paid_total: Decimal = Decimal("0")
    deposit: Decimal | None = Field(default=None, description="the contract's deposit (SAL-6)")
    cleared_for_shipment: bool = Field(
        default=False, description="paid enough, per the contract's terms, to ship (LOG-2)")
    instruction_no: str | None = None
    decline_reason: str | None = None
    planned_completion: datetime | None = None
    status_note: str = ""
    open_service_requests: int = Field(default=0, description="after-sales requests open (AFS)")


class CustomerPublic(BaseModel):
    """A customer of the customer master, with its grade (SAL-1)."""

    company_id: str
    customer_code: str
    name: str
    grade: str
    address: str = ""


ORDER_STEP = (NotFound, Conflict)
API = ServiceApi("sales", [
    command("receive_order", order=OrderCreate, reply=OrderPublic,
            refuses=(InvalidRequest, Forbidden),
            doc="SAL-1, ORD-1..3: record a customer order; grade from the customer master"),
    command("import_orders", batch=OrderImport, reply=list[OrderPublic],
            refuses=(InvalidRequest, Forbidden),
            doc="SAL-1: a spreadsheet's orders, all recorded or none; InvalidRequest names "
                "each refused order's rows and reason (details.refused)"),
    query("get_order", order_no=BusinessNo, reply=OrderPublic, refuses=(NotFound,)),
    query("list_orders", status=(OrderStatus | None, None), limit=(PageLimit, 100),
          after=(PageAfter, None), reply=list[OrderPublic],
          doc="newest first, of the actor's companies; the page after order `after`"),
    query("list_customers", reply=list[CustomerPublic],
          doc="the customer master of the actor's companies"),
    command("review_order", order_no=BusinessNo, reply=OrderPublic, refuses=ORDER_STEP,
            doc="SAL-2/3: asks planning.check_feasibility; non-regular needs design first"),
    command("agree_date", order_no=BusinessNo, agreement=DateAgreement, reply=OrderPublic,
            refuses=(*ORDER_STEP, InvalidRequest),
            doc="SAL-4: the customer accepts a later, feasible date"),
    command("decline_order", order_no=BusinessNo, decline=DeclineCreate, reply=OrderPublic,
            refuses=(*ORDER_STEP, Forbidden), doc="SAL-4: general manager only"),
    command("sign_off_repeat", order_no=BusinessNo, reply=OrderPublic,
            refuses=(*ORDER_STEP, Forbidden), doc="ORD-3: general manager only; no review"),
    command("quote_order", order_no=BusinessNo, reply=OrderPublic, refuses=ORDER_STEP,
            doc="SAL-5: price list, plus the surcharge for non-regular orders"),
    command("sign_contract", order_no=BusinessNo, contract=ContractCreate, reply=OrderPublic,
            refuses=ORDER_STEP, doc="SAL-6"),
    command("record_payment", order_no=BusinessNo, payment=PaymentCreate, reply=OrderPublic,
            refuses=(*ORDER_STEP, InvalidRequest),
            doc="SAL-6/10: effective once the deposit is in; opens SAL-7 (4 working hours)"),
    command("reverse_payment", order_no=BusinessNo, payment_no=PaymentNo,
            reversal=PaymentReversalCreate, reply=OrderPublic,
            refuses=(*ORDER_STEP, Forbidden, InvalidRequest),
            doc="LOG-2/SAL-10: contract & order management or GM; un-matches it from its "
                "invoices and closes the shipment gate until paid again"),
    command("issue_production_instruction", order_no=BusinessNo, reply=OrderPublic,
            refuses=ORDER_STEP, doc="SAL-7: meets the deadline"),
    *sales_masterdata.METHODS,  # the customer master and price list (issue 17)
    *CHANGE_NOTICES,  # SAL-8, PLN-15 (contracts/rpc/change_notices.py)
    *FOLLOW_UPS,  # SAL-9 (contracts/rpc/follow_ups.py)
    *SHIPPING_INSTRUCTION_METHODS,
    *RECEIVABLES_METHODS,
    *installations.SALES_METHODS,  # AFS-3 (contracts/rpc/installations.py)
])
