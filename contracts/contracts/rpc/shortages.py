"""Procurement's shortages (PRC-6): a PO whose qualified quantity is short of its line,
chased by its buyer until delivered or cancelled. Its methods join procurement's table."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum

from pydantic import BaseModel, Field

from contracts.errors import Conflict, NotFound
from contracts.rpc.api import command, query
from contracts.rpc.bounds import NO_NUL, BoundedDate
from contracts.rpc.common import BusinessNo, PageLimit, StrictPayload


class ShortageStatus(StrEnum):
    """Chased (open) until the missing quantity qualifies or the buyer cancels it."""

    OPEN = "open"
    DELIVERED = "delivered"
    CANCELLED = "cancelled"


class ShortageChase(StrictPayload):
    """The buyer pressed the supplier for the missing quantity (PRC-6)."""

    note: str = Field(min_length=1, max_length=500, pattern=NO_NUL,
                      description="what the supplier said")
    next_follow_up: BoundedDate = Field(description="when to press again")


class ShortageCancel(StrictPayload):
    """The missing quantity will not come; the PO closes short (PRC-6)."""

    reason: str = Field(min_length=1, max_length=500, pattern=NO_NUL)


class ShortagePublic(BaseModel):
    shortage_no: str
    po_no: str
    company_id: str
    order_no: str
    material_code: str
    supplier_code: str
    lot_no: str = Field(description="the receipt that came up short")
    missing_quantity: Decimal
    owner: str = Field(description="the buyer who chases it")
    opened_at: datetime
    follow_up_on: date
    status: ShortageStatus
    chases: int
    last_note: str = ""
    delivered_lot_no: str | None = Field(default=None,
                                         description="the delivery that made it good")
    cancel_reason: str = ""
    closed_at: datetime | None = None
    closed_by: str | None = None


METHODS = [
    query("list_shortages", status=(ShortageStatus | None, None),
          owner=(BusinessNo | None, None), order_no=(BusinessNo | None, None),
          limit=(PageLimit, 100), reply=list[ShortagePublic],
          doc="PRC-6: of the actor's companies, the next follow-up first"),
    command("chase_shortage", shortage_no=BusinessNo, chase=ShortageChase,
            reply=ShortagePublic, refuses=(NotFound, Conflict),
            doc="PRC-6: a chase recorded with the next follow-up date. Conflict once "
                "delivered or cancelled, or for a follow-up date in the past"),
    command("cancel_shortage", shortage_no=BusinessNo, cancel=ShortageCancel,
            reply=ShortagePublic, refuses=(NotFound, Conflict),
            doc="PRC-6: the missing quantity will not come; the PO closes short. Conflict "
                "once delivered or cancelled"),
]
