"""Shortages of a purchase order (PRC-6), pure.

A receipt is checked against the order by what IQC qualified (QLT-1): when every lot of a
PO is decided and nothing is awaited from the supplier (no unreplaced rejection, nothing
in inspection) but the qualified quantity is still short of the PO line, the missing
quantity is chased as a shortage. Its owner is the buyer who received the goods; the
buyer records each chase with the next follow-up date, until a later delivery qualifies
the missing quantity (delivered) or the buyer cancels it with a reason (the PO closes
short).

    open ──(qualified quantity covers the order)──► delivered
    open ──(cancelled by the buyer, with a reason)──► cancelled
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from procurement.domain import purchasing
from procurement.domain.errors import ShortageRefused
from procurement.domain.purchasing import PurchaseOrder

OPEN = "open"
DELIVERED = "delivered"
CANCELLED = "cancelled"


@dataclass
class Shortage:
    shortage_no: str
    po_no: str
    company_id: str
    order_no: str
    material_code: str
    supplier_code: str
    lot_no: str  # the receipt that came up short (PRC-6: it keeps its link to the lot)
    missing_quantity: Decimal
    owner: str
    opened_at: datetime
    follow_up_on: date
    status: str = OPEN
    chases: int = 0
    last_note: str = ""
    chased_at: datetime | None = None
    delivered_lot_no: str | None = None
    cancel_reason: str = ""
    closed_at: datetime | None = None
    closed_by: str | None = None

    def chase(self, *, note: str, next_follow_up: date, at: datetime, by: str) -> None:
        """The buyer pressed the supplier for the missing quantity; the next follow-up date
        is when to press again."""
        self._open_only("chased")
        if next_follow_up < at.date():
            raise ShortageRefused(f"{self.shortage_no}: the next follow-up cannot be in the "
                                  f"past", {"shortage_no": self.shortage_no})
        self.chases += 1
        self.last_note, self.follow_up_on, self.chased_at = note, next_follow_up, at

    def cancel(self, *, reason: str, at: datetime, by: str) -> None:
        """The missing quantity will not come: the buyer cancels it with a reason."""
        self._open_only("cancelled")
        if not reason.strip():
            raise ShortageRefused("a shortage is cancelled with a reason",
                                  {"shortage_no": self.shortage_no})
        self.status, self.cancel_reason, self.closed_at, self.closed_by = (
            CANCELLED, reason, at, by)

    def delivered(self, lot_no: str, at: datetime) -> None:
        self.status, self.delivered_lot_no, self.closed_at = DELIVERED, lot_no, at

    def _open_only(self, act: str) -> None:
        if self.status != OPEN:
            raise ShortageRefused(f"{self.shortage_no} is {self.status}: it cannot be {act}",
                                  {"shortage_no": self.shortage_no, "status": self.status})


def missing_after_qualification(po: PurchaseOrder) -> Decimal:
    """What the supplier still owes once IQC has decided every lot (PRC-6): 0 while a lot
    is in inspection or a rejected one awaits its replacement (those are chased as
    returns, not shortages), or once the order is covered."""
    if po.status != purchasing.PLACED or po.in_inspection_quantity > 0:
        return Decimal(0)
    return max(po.quantity - po.accepted_quantity, Decimal(0))
