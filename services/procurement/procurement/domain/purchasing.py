"""Purchase orders, their receipts and incoming-inspection outcomes (PRC-2, PRC-6, QLT-1).

PO state machine:

    placed ──(lot rejected: returned)──► awaiting_replacement ──(replacement received)──► placed
    placed / awaiting_replacement ──(accepted quantity covers the order)──► received
    placed / awaiting_replacement ──(closed short by a buyer)──► closed

Goods are received into inspection lots; only an accepted lot reaches stock (QLT-1,
PRC-6): a rejected lot is returned to the supplier and a replacement is awaited.
Receiving is checked against the order (PRC-6): what counts is what was accepted or is in
inspection (a returned lot does not); a receipt that takes it beyond the ordered quantity
by more than OVER_RECEIPT_TOLERANCE is refused.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

from procurement.domain.errors import OverReceipt, PurchaseOrderRefused, ReceiptRejected
from procurement.domain.stock import StockLevel

# rule PRC-6: received quantity is checked against the order. A delivery may exceed the
# ordered quantity by this fraction of it (suppliers round up to full packs); beyond it the
# receipt is refused and the buyer settles the excess with the supplier first.
OVER_RECEIPT_TOLERANCE = Decimal("0.05")

PLACED = "placed"
AWAITING_REPLACEMENT = "awaiting_replacement"
RECEIVED = "received"
CLOSED = "closed"
OPEN_STATES = (PLACED, AWAITING_REPLACEMENT)

CENTS = Decimal("0.01")

LOT_AWAITING = "awaiting_inspection"
LOT_ACCEPTED = "accepted"
LOT_REJECTED = "rejected_returned"


@dataclass
class Lot:
    lot_no: str
    quantity: Decimal
    delivery_note_quantity: Decimal
    received_at: datetime
    received_by: str
    delivery_note_no: str = ""
    status: str = LOT_AWAITING
    replacement_for: str | None = None
    inspected_at: datetime | None = None
    inspected_by: str | None = None
    reasons: list[str] = field(default_factory=list)
    concession_ncr_no: str | None = None
    concession_unit_price: Decimal | None = None  # PRC-6: the reduced price of this lot


@dataclass
class PurchaseOrder:
    po_no: str
    company_id: str
    order_no: str
    request_no: str
    material_code: str
    quantity: Decimal
    supplier_code: str
    unit_price: Decimal
    confirmed_date: date
    placed_at: datetime
    status: str = PLACED
    lots: list[Lot] = field(default_factory=list)

    # -- views ---------------------------------------------------------------
    @property
    def accepted_quantity(self) -> Decimal:
        return sum((lot.quantity for lot in self.lots if lot.status == LOT_ACCEPTED),
                   Decimal(0))

    @property
    def in_inspection_quantity(self) -> Decimal:
        return sum((lot.quantity for lot in self.lots if lot.status == LOT_AWAITING),
                   Decimal(0))

    @property
    def received_quantity(self) -> Decimal:
        """What counts against the order: accepted, or in inspection (returned lots do not)."""
        return self.accepted_quantity + self.in_inspection_quantity

    @property
    def outstanding_quantity(self) -> Decimal:
        """Still to be delivered: ordered minus accepted minus what IQC is looking at."""
        return self.quantity - self.received_quantity

    @property
    def price_reduction(self) -> Decimal:
        """PRC-6: what concessions took off the PO's value (lots accepted at a lower price)."""
        return sum(((self.unit_price - lot.concession_unit_price) * lot.quantity
                    for lot in self.lots if lot.concession_unit_price is not None),
                   Decimal(0)).quantize(CENTS)

    @property
    def most_receivable(self) -> Decimal:
        """The most the PO takes in all, with the over-receipt tolerance (PRC-6)."""
        return self.quantity * (1 + OVER_RECEIPT_TOLERANCE)

    def lot(self, lot_no: str) -> Lot | None:
        return next((lot for lot in self.lots if lot.lot_no == lot_no), None)

    def unreplaced_rejection(self) -> Lot | None:
        """The oldest rejected lot no delivery has replaced yet."""
        replaced = {lot.replacement_for for lot in self.lots if lot.replacement_for}
        return next((lot for lot in self.lots
                     if lot.status == LOT_REJECTED and lot.lot_no not in replaced), None)

    # -- commands ------------------------------------------------------------
    def receive(self, *, lot_no: str, quantity: Decimal, delivery_note_quantity: Decimal,
                delivery_note_no: str, at: datetime, by: str) -> Lot:
        """Record a delivery as a lot awaiting IQC (PRC-6); it does not enter stock yet."""
        if self.status not in OPEN_STATES:
            raise PurchaseOrderRefused(f"{self.po_no} is {self.status}: nothing is awaited",
                                       {"po_no": self.po_no, "status": self.status})
        if self.outstanding_quantity <= 0:
            raise PurchaseOrderRefused(
                f"{self.po_no}: everything ordered is accepted or in inspection",
                {"po_no": self.po_no, "status": self.status})
        if quantity <= 0:
            raise ReceiptRejected("a receipt needs a positive quantity")
        self._check_against_order(quantity)
        rejected = self.unreplaced_rejection()
        lot = Lot(lot_no=lot_no, quantity=quantity,
                  delivery_note_quantity=delivery_note_quantity,
                  delivery_note_no=delivery_note_no, received_at=at, received_by=by,
                  replacement_for=rejected.lot_no if rejected else None)
        self.lots.append(lot)
        if self.unreplaced_rejection() is None:
            self.status = PLACED
        return lot

    def _check_against_order(self, quantity: Decimal) -> None:
        """PRC-6: the receipt may not take the PO beyond its quantity plus the tolerance."""
        already = self.received_quantity
        if already + quantity <= self.most_receivable:
            return
        percent = OVER_RECEIPT_TOLERANCE * 100
        raise OverReceipt(
            f"{self.po_no} ordered {_qty(self.quantity)}, already received "
            f"{_qty(already)}, offered {_qty(quantity)}: that is more than the "
            f"{_qty(percent)}% over-receipt tolerance allows (at most "
            f"{_qty(max(self.most_receivable - already, Decimal(0)))} more) (PRC-6)",
            {"po_no": self.po_no, "ordered": _qty(self.quantity),
             "already_received": _qty(already), "offered": _qty(quantity),
             "tolerance_percent": _qty(percent)})

    def accept_lot(self, lot_no: str, *, at: datetime, by: str) -> Lot:
        """IQC passed (QLT-1): the lot may go into store; the PO is received once covered."""
        lot = self._awaiting_lot(lot_no)
        lot.status, lot.inspected_at, lot.inspected_by = LOT_ACCEPTED, at, by
        if self.accepted_quantity >= self.quantity:
            self.status = RECEIVED
        return lot

    def reject_lot(self, lot_no: str, *, reasons: list[str], at: datetime, by: str) -> Lot:
        """IQC failed (QLT-1): the lot is returned and the supplier owes a replacement."""
        lot = self._awaiting_lot(lot_no)
        lot.status, lot.inspected_at, lot.inspected_by = LOT_REJECTED, at, by
        lot.reasons = list(reasons)
        if self.status in OPEN_STATES:
            self.status = AWAITING_REPLACEMENT
        return lot

    def accept_on_concession(self, lot_no: str, *, reduction_percent: Decimal, ncr_no: str,
                             at: datetime, by: str) -> Lot:
        """PRC-6: a rejected lot no replacement has replaced is accepted at a lower price
        (QLT-4 concession); the PO is received once covered, and no longer awaits a
        replacement for it."""
        lot = self.lot(lot_no)
        if lot is None:
            raise PurchaseOrderRefused(f"{self.po_no} has no lot {lot_no}")
        replaced = {other.replacement_for for other in self.lots if other.replacement_for}
        if lot.status != LOT_REJECTED or lot_no in replaced:
            raise PurchaseOrderRefused(
                f"lot {lot_no} is {lot.status}"
                + (" and already replaced" if lot_no in replaced else "")
                + ": only a rejected, unreplaced lot is accepted on concession",
                {"lot_no": lot_no, "status": lot.status})
        if not 0 < reduction_percent < 100:
            raise ReceiptRejected("a concession reduces the price by more than 0 and less "
                                  "than 100 percent")
        lot.status, lot.inspected_at, lot.inspected_by = LOT_ACCEPTED, at, by
        lot.concession_ncr_no = ncr_no
        lot.concession_unit_price = (self.unit_price * (100 - reduction_percent) / 100
                                     ).quantize(CENTS)
        if self.accepted_quantity >= self.quantity:
            self.status = RECEIVED
        elif self.status in OPEN_STATES and self.unreplaced_rejection() is None:
            self.status = PLACED
        return lot

    def close(self) -> None:
        """A buyer closes the PO short (e.g. cancel and re-source, PRC-4 remedies)."""
        if self.status not in OPEN_STATES:
            raise PurchaseOrderRefused(f"{self.po_no} is already {self.status}")
        self.status = CLOSED

    def _awaiting_lot(self, lot_no: str) -> Lot:
        lot = self.lot(lot_no)
        if lot is None:
            raise PurchaseOrderRefused(f"{self.po_no} has no lot {lot_no}")
        if lot.status != LOT_AWAITING:
            raise PurchaseOrderRefused(f"lot {lot_no} was already {lot.status}")
        return lot


def accept_into_store(po: PurchaseOrder, lot_no: str, stock: StockLevel, *,
                      at: datetime, by: str) -> Lot:
    """An accepted lot goes into the PO company's store, reserved for the request (PRC-6).

    Only what the request still needs is reserved: an excess within the over-receipt
    tolerance goes into store free for other requests."""
    return _into_store(po, stock, lambda: po.accept_lot(lot_no, at=at, by=by))


def accept_on_concession_into_store(po: PurchaseOrder, lot_no: str, stock: StockLevel, *,
                                    reduction_percent: Decimal, ncr_no: str, at: datetime,
                                    by: str) -> Lot:
    """PRC-6: a lot taken on concession goes into store like an accepted one."""
    return _into_store(po, stock, lambda: po.accept_on_concession(
        lot_no, reduction_percent=reduction_percent, ncr_no=ncr_no, at=at, by=by))


def _into_store(po: PurchaseOrder, stock: StockLevel, accept) -> Lot:
    if stock.company_id != po.company_id or stock.material_code != po.material_code:
        raise ValueError("an accepted lot goes into the store of the PO's company and material")
    still_needed = max(po.quantity - po.accepted_quantity, Decimal(0))
    lot = accept()
    stock.put_away(lot.quantity, reserve=False)
    if (reserved := min(lot.quantity, still_needed)) > 0:
        stock.reserve(reserved)
    return lot


def return_to_supplier(po: PurchaseOrder, lot_no: str, reasons: list[str], *,
                       at: datetime, by: str) -> Lot:
    """A rejected lot is returned; it never reaches stock (QLT-1, PRC-6)."""
    return po.reject_lot(lot_no, reasons=reasons, at=at, by=by)


def _qty(value: Decimal) -> str:
    """A quantity as people write it: 100000, 1.5 (no exponent, no trailing zeros)."""
    text = f"{value:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text
