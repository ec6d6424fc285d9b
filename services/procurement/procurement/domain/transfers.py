"""Inter-company transfers (调拨单, PRC-3, CO-2), pure.

A request that a sister company's store can cover (in whole or part, PRC-1) becomes a
transfer document: requested for the needing company, shipped by the holder, received —
counted and inspected on receipt — by the receiver. The quantity stays in the holder's
store, reserved for the request, while the transfer is requested and in transit; only
the receipt moves it into the receiver's store, reserved there for the request.

    requested ──(holder ships)──► shipped ──(receiver receives and inspects)──► received
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from procurement.domain.errors import TransferNotYours, TransferRefused, TransferRejected
from procurement.domain.stock import StockLevel

REQUESTED = "requested"
SHIPPED = "shipped"
RECEIVED = "received"


@dataclass
class Transfer:
    transfer_no: str
    request_no: str
    order_no: str
    material_code: str
    quantity: Decimal
    from_company: str  # the holder: reserves, then ships
    to_company: str    # the needing company: requested it, receives it
    requested_at: datetime
    status: str = REQUESTED
    shipped_at: datetime | None = None
    shipped_by: str | None = None
    carrier: str = ""
    ship_note: str = ""
    received_at: datetime | None = None
    received_by: str | None = None
    inspection_note: str = ""

    def ship(self, *, company_ids: list[str] | None, carrier: str, note: str, at: datetime,
             by: str) -> None:
        """The holder sends the goods; they stay reserved in its store until received."""
        self._by_side(company_ids, self.from_company, "shipped")
        self._only(REQUESTED, "shipped")
        self.status, self.shipped_at, self.shipped_by = SHIPPED, at, by
        self.carrier, self.ship_note = carrier, note

    def receive(self, *, company_ids: list[str] | None, quantity: Decimal,
                inspection_note: str, at: datetime, by: str) -> None:
        """The receiver counts and inspects what arrived; a transfer is received whole."""
        self._by_side(company_ids, self.to_company, "received")
        self._only(SHIPPED, "received")
        if quantity != self.quantity:
            raise TransferRejected(
                f"{self.transfer_no} carries {self.quantity} {self.material_code}; "
                f"{quantity} counted: a transfer is received whole",
                {"transfer_no": self.transfer_no, "shipped": str(self.quantity),
                 "counted": str(quantity)})
        self.status, self.received_at, self.received_by = RECEIVED, at, by
        self.inspection_note = inspection_note

    def _by_side(self, company_ids: list[str] | None, company: str, act: str) -> None:
        if company_ids is not None and company not in company_ids:
            raise TransferNotYours(f"{self.transfer_no} is {act} by {company}",
                                   {"transfer_no": self.transfer_no, "company_id": company})

    def _only(self, status: str, act: str) -> None:
        if self.status != status:
            raise TransferRefused(f"{self.transfer_no} is {self.status}: it cannot be {act}",
                                  {"transfer_no": self.transfer_no, "status": self.status})


def move_on_receipt(transfer: Transfer, holder: StockLevel, receiver: StockLevel) -> None:
    """PRC-3: the received quantity leaves the holder's reservation and enters the
    receiver's store, reserved there for the request."""
    if (holder.company_id, receiver.company_id) != (transfer.from_company,
                                                    transfer.to_company):
        raise ValueError("a transfer moves stock from its holder to its receiver")
    holder.issue_reserved(transfer.quantity)
    receiver.put_away(transfer.quantity, reserve=True)
