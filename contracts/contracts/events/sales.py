"""Events produced by sales (intake, review, contract, payment, instruction)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from enum import StrEnum

from pydantic import AwareDatetime, Field

from contracts.envelope import Payload


class OrderStatus(StrEnum):
    """Where a customer order stands, from receipt (SAL-1) to delivery (LOG-6)."""

    RECEIVED = "received"
    AWAITING_DESIGN_REVIEW = "awaiting_design_review"
    AWAITING_SIGN_OFF = "awaiting_sign_off"
    REVIEWED = "reviewed"
    DATE_INFEASIBLE = "date_infeasible"
    DECLINED = "declined"
    QUOTED = "quoted"
    CONTRACTED = "contracted"
    EFFECTIVE = "effective"
    INSTRUCTED = "instructed"
    # reported by other departments after the instruction, in the order they happen
    PLANNED = "planned"
    PRODUCED = "produced"
    STOCKED = "stocked"
    SHIPPED = "shipped"
    DELIVERED = "delivered"


class OrderKind(StrEnum):
    REGULAR = "regular"            # ORD-1
    NON_REGULAR = "non_regular"    # ORD-2
    REPEAT = "repeat"              # ORD-3


class NonRegularReason(StrEnum):
    """ORD-2: why an order is non-regular (any one suffices; all are recorded)."""

    NEW_DESIGN = "new_design"
    DISCONTINUED_PRODUCT = "discontinued_product"
    ABOVE_STANDARD_QUALITY = "above_standard_quality"
    TIGHT_DATE_WITH_PENALTY = "tight_date_with_penalty"


class OrderLine(Payload):
    line_no: int = Field(ge=1)
    product_code: str = Field(min_length=1, max_length=64)
    spec: str = Field(default="", max_length=200)
    quantity: Decimal = Field(gt=0)
    requested_date: date


class OrderReceived(Payload):
    """Sales recorded a customer order and classified it (SAL-1, ORD-1..5)."""

    order_no: str
    customer_code: str
    customer_grade: str = Field(pattern=r"^[ABC]$")
    kind: OrderKind = OrderKind.REGULAR
    non_regular_reasons: list[NonRegularReason] = Field(default_factory=list)
    repeat_of: str | None = None
    rush: bool = False
    complete_set: bool = False
    lines: list[OrderLine] = Field(min_length=1)


class OrderDeclined(Payload):
    """The customer refused a feasible date and the GM approved declining (SAL-4)."""

    order_no: str
    reason: str
    approved_by: str


class ConfirmedLine(Payload):
    line_no: int
    product_code: str
    quantity: Decimal
    confirmed_date: date


class OrderEffective(Payload):
    """Contract signed and the agreed payment received: the order is live (SAL-6)."""

    order_no: str
    customer_code: str
    customer_name: str
    delivery_address: str
    complete_set: bool
    contract_no: str
    contract_total: Decimal
    lines: list[ConfirmedLine] = Field(min_length=1)


class PaymentConfirmed(Payload):
    """Money arrived against the contract (SAL-6, SAL-10); logistics keeps its copy (LOG-2)."""

    order_no: str
    contract_no: str
    amount: Decimal
    paid_total: Decimal
    contract_total: Decimal
    cleared_for_shipment: bool = Field(
        description="paid enough, per the contract's terms, for goods to leave (LOG-2)")


class PaymentReversed(Payload):
    """A recorded payment was taken back (LOG-2, SAL-10); logistics' copy follows it down."""

    order_no: str
    contract_no: str
    payment_no: int = Field(ge=1)
    amount: Decimal
    paid_total: Decimal
    contract_total: Decimal
    cleared_for_shipment: bool = Field(
        description="still paid enough, after the reversal, for goods to leave (LOG-2)")
    reason: str


class ProductionInstructionIssued(Payload):
    """The production instruction (生产指令) sent to planning (SAL-7)."""

    order_no: str
    instruction_no: str
    customer_grade: str = Field(pattern=r"^[ABC]$")
    complete_set: bool
    non_regular: bool
    lines: list[ConfirmedLine] = Field(min_length=1)
    issued_at: AwareDatetime


class InstructedLine(Payload):
    product_code: str
    quantity: Decimal = Field(gt=0)


class ShippingInstructionIssued(Payload):
    """Contract & order management checked the contract and the payment due before
    shipment and told the store and shipping to ship (发货通知单, LOG-2)."""

    order_no: str
    instruction_no: str
    contract_no: str
    customer_code: str
    ship_at: AwareDatetime
    arrival_at: AwareDatetime
    arrival_place: str
    issued_by: str
    issued_at: AwareDatetime
    lines: list[InstructedLine] = Field(min_length=1)
