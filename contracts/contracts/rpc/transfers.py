"""Procurement's transfers between the group's companies (调拨单, PRC-3, PRC-1, CO-2): a
request a sister's store covers (in whole or part) is a transfer document, requested for
the needing company, shipped by the holder, received and inspected by the receiver;
the stock stays reserved at the holder while in transit and moves on receipt. Its
methods join procurement's table."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from enum import StrEnum

from pydantic import BaseModel, Field

from contracts.errors import Conflict, Forbidden, InvalidRequest, NotFound
from contracts.rpc.api import command, query
from contracts.rpc.bounds import NO_NUL, decimal_text
from contracts.rpc.common import BusinessNo, PageAfter, PageLimit, StrictPayload

TransferQuantity = decimal_text(digits=6, places=3, above_zero=True,
                                words="a quantity above 0 and at most 1000000")


class TransferStatus(StrEnum):
    """requested → shipped (by the holder) → received (by the receiver, inspected)."""

    REQUESTED = "requested"
    SHIPPED = "shipped"
    RECEIVED = "received"


class TransferShipment(StrictPayload):
    """The holder sent the goods (PRC-3); they stay reserved in its store until received."""

    carrier: str = Field(default="", max_length=100, pattern=NO_NUL,
                         description="who carries them (own truck, a carrier's name)")
    note: str = Field(default="", max_length=500, pattern=NO_NUL)


class TransferReceipt(StrictPayload):
    """The receiver counted and inspected what arrived (PRC-3; QLT-1 at receipt): the stock
    moves into its store. A transfer is received whole."""

    quantity: TransferQuantity = Field(description="what was counted at receipt")
    inspection_note: str = Field(default="", max_length=500, pattern=NO_NUL,
                                 description="what the inspection at receipt found")


class TransferPublic(BaseModel):
    transfer_no: str
    request_no: str
    order_no: str
    material_code: str
    quantity: Decimal
    from_company: str = Field(description="the holder, who ships")
    to_company: str = Field(description="the needing company, who receives")
    status: TransferStatus
    requested_at: datetime
    shipped_at: datetime | None = None
    shipped_by: str | None = None
    carrier: str = ""
    ship_note: str = ""
    received_at: datetime | None = None
    received_by: str | None = None
    inspection_note: str = ""


METHODS = [
    query("list_transfers", status=(TransferStatus | None, None),
          order_no=(BusinessNo | None, None), limit=(PageLimit, 100),
          after=(PageAfter, None), reply=list[TransferPublic],
          doc="PRC-3: newest first, those the actor's companies hold or receive; the page "
              "after transfer `after`"),
    query("get_transfer", transfer_no=BusinessNo, reply=TransferPublic, refuses=(NotFound,),
          doc="PRC-3: one transfer, to its holder and its receiver"),
    command("ship_transfer", transfer_no=BusinessNo, shipment=TransferShipment,
            reply=TransferPublic, refuses=(NotFound, Forbidden, Conflict),
            doc="PRC-3: the holder ships; stock stays reserved there. Forbidden for the "
                "receiver; Conflict unless requested"),
    command("receive_transfer", transfer_no=BusinessNo, receipt=TransferReceipt,
            reply=TransferPublic, refuses=(NotFound, Forbidden, Conflict, InvalidRequest),
            doc="PRC-3: the receiver receives and inspects; the stock moves into its store, "
                "reserved for the request. Forbidden for the holder; Conflict unless "
                "shipped; InvalidRequest for a count other than the transfer's"),
]
