"""Sales' shipping instruction (发货通知单, LOG-2): contract & order management issues it
once the contract and the payment due before shipment are checked; logistics ships from it."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from pydantic import BaseModel, Field

from contracts.errors import Conflict, Forbidden, InvalidRequest, NotFound
from contracts.rpc.api import command, query
from contracts.rpc.bounds import NO_NUL, BoundedMoment
from contracts.rpc.common import BusinessNo, PageLimit, StrictPayload


class ShippingInstructionCreate(StrictPayload):
    """The instruction to the finished-goods store and shipping (LOG-2): when the goods
    leave, when and where they are to arrive."""

    ship_at: BoundedMoment = Field(description="when the goods are to leave (LOG-2, LOG-4)")
    arrival_at: BoundedMoment = Field(description="when they are to arrive at the customer")
    arrival_place: str = Field(default="", max_length=300, pattern=NO_NUL,
                               description="empty: the order's delivery address")
    note: str = Field(default="", max_length=500, pattern=NO_NUL)


class InstructedLine(BaseModel):
    product_code: str
    quantity: Decimal


class ShippingInstructionPublic(BaseModel):
    instruction_no: str = Field(description="the shipping notice no. (X-4)")
    order_no: str
    company_id: str
    contract_no: str
    customer_code: str
    ship_at: datetime
    arrival_at: datetime
    arrival_place: str
    note: str = ""
    issued_by: str
    issued_at: datetime
    lines: list[InstructedLine]


SHIPPING_INSTRUCTION_METHODS = [
    command("issue_shipping_instruction", order_no=BusinessNo,
            instruction=ShippingInstructionCreate, reply=ShippingInstructionPublic,
            refuses=(NotFound, Conflict, InvalidRequest, Forbidden),
            doc="LOG-2: contract & order management only; Conflict until the contract and "
                "the payment due before shipment are in; meets LOG-2's 1-working-day limit"),
    query("list_shipping_instructions", order_no=BusinessNo, limit=(PageLimit, 100),
          reply=list[ShippingInstructionPublic], refuses=(NotFound,),
          doc="LOG-2: the shipping instructions of one order, newest first"),
]
