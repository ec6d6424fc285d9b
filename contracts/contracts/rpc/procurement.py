"""Procurement's RPC payloads: receipts from the gateway and the views it reads."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum

from pydantic import BaseModel, Field

from contracts.errors import Conflict, InvalidRequest, NotFound
from contracts.rpc import procurement_masterdata
from contracts.rpc.api import ServiceApi, command, query
from contracts.rpc.bounds import NO_NUL, decimal_text
from contracts.rpc.common import BusinessNo, PageLimit, StrictPayload
from contracts.rpc.shortages import METHODS as SHORTAGES
from contracts.rpc.supplier_follow_up import METHODS as SUPPLIER_FOLLOW_UP
from contracts.rpc.transfers import METHODS as TRANSFERS

# The largest quantity one receipt may carry (a sane ceiling at the edge, issue 8.3): far
# above any real delivery of the group's materials, far below what breaks a computation.
RECEIPT_DIGITS = 6  # up to 1,000,000 units, at most 3 decimals ("12.5")
MAX_RECEIPT_QUANTITY = Decimal(10) ** RECEIPT_DIGITS
ReceiptQuantity = decimal_text(digits=RECEIPT_DIGITS, places=3, above_zero=True,
                               words="a quantity above 0 and at most 1000000")


class PurchaseOrderStatus(StrEnum):
    """Where a purchase order stands (procurement.domain.purchasing's state machine)."""

    PLACED = "placed"
    AWAITING_REPLACEMENT = "awaiting_replacement"
    RECEIVED = "received"
    CLOSED = "closed"


class LotStatus(StrEnum):
    """A delivered lot: waiting for IQC, accepted into store, or returned (QLT-1, PRC-6)."""

    AWAITING_INSPECTION = "awaiting_inspection"
    ACCEPTED = "accepted"
    REJECTED_RETURNED = "rejected_returned"


class ReceiptCreate(StrictPayload):
    """Goods arrived against a PO (PRC-6); they wait for IQC before going into store.

    The counted quantity is checked against the PO: more than ordered beyond the
    over-receipt tolerance is refused (PRC-6)."""

    quantity: ReceiptQuantity = Field(description="what was counted at the dock")
    delivery_note_quantity: ReceiptQuantity = Field(description="what the delivery note says")
    delivery_note_no: str = Field(default="", max_length=64, pattern=NO_NUL)


class LotPublic(BaseModel):
    lot_no: str
    quantity: Decimal
    status: LotStatus
    received_at: datetime
    replacement_for: str | None = None
    concession_ncr_no: str | None = Field(default=None,
                                          description="accepted on this NCR's concession")
    concession_unit_price: Decimal | None = Field(
        default=None, description="PRC-6: the reduced unit price this lot is paid at")


class PurchaseOrderPublic(BaseModel):
    po_no: str
    company_id: str
    order_no: str
    request_no: str
    material_code: str
    quantity: Decimal
    supplier_code: str
    unit_price: Decimal
    confirmed_date: date
    status: PurchaseOrderStatus
    lots: list[LotPublic] = Field(default_factory=list)
    received_quantity: Decimal = Field(
        default=Decimal("0"), description="accepted or in inspection: what counts against "
                                          "the order (PRC-6); returned lots do not")
    price_reduction: Decimal = Field(
        default=Decimal("0"), description="PRC-6: what concessions took off the PO's value")


class StockPublic(BaseModel):
    company_id: str
    material_code: str
    on_hand: Decimal
    reserved: Decimal


API = ServiceApi("procurement", [
    query("list_purchase_orders", order_no=(BusinessNo | None, None),
          status=(PurchaseOrderStatus | None, None), limit=(PageLimit, 100),
          reply=list[PurchaseOrderPublic],
          doc="newest first, of the actor's companies; optionally of one customer order"),
    query("get_purchase_order", po_no=BusinessNo, reply=PurchaseOrderPublic,
          refuses=(NotFound,), doc="one PO with its lots"),
    command("receive_goods", po_no=BusinessNo, receipt=ReceiptCreate,
            reply=PurchaseOrderPublic, refuses=(NotFound, Conflict, InvalidRequest),
            doc="PRC-6: a lot for IQC, not stock. Conflict if nothing is "
                "awaited; InvalidRequest for more than ordered beyond the tolerance"),
    query("list_stock", material_code=(BusinessNo | None, None), limit=(PageLimit, 1000),
          reply=list[StockPublic], doc="group-wide (CO-2, PRC-1), by material then company"),
    *SUPPLIER_FOLLOW_UP,  # PRC-4, PRC-5, PRC-7 (contracts/rpc/supplier_follow_up.py)
    *SHORTAGES,  # PRC-6 (contracts/rpc/shortages.py)
    *TRANSFERS,  # PRC-3, PRC-1 (contracts/rpc/transfers.py)
    *procurement_masterdata.METHODS,  # materials and the approved supplier list (issue 17)
])
