"""Procurement's part of a customer change (SAL-8), pure: each material request planning
re-sized (PLN-4: a reduction only with planning's agreement, which the re-size is) is
followed — an open PO is adjusted, or cancelled when nothing is needed any more; a request
covered from the store changes its reservation. Goods already received against a PO
refuse the change. Everything is checked before anything changes.
"""

from __future__ import annotations

from decimal import Decimal

from procurement.domain import purchasing
from procurement.domain.errors import ChangeRefused
from procurement.domain.purchasing import PurchaseOrder
from procurement.domain.requests import MaterialRequest
from procurement.domain.stock import StockLevel


def check(request: MaterialRequest, po: PurchaseOrder | None, quantity: Decimal,
          stock: StockLevel | None, *, in_parts: bool = False) -> None:
    """`in_parts`: the request is covered from more than one place (own store, transfers
    from sisters, a PO: PRC-1, PRC-3), which a re-size does not follow yet."""
    delta = quantity - request.quantity
    if in_parts and delta:
        raise ChangeRefused(f"{request.request_no} ({request.material_code}) is covered in "
                            f"parts (stock, transfers, a PO): its quantity cannot change",
                            {"request_no": request.request_no})
    if po is not None and delta and (po.lots or po.status not in purchasing.OPEN_STATES):
        raise ChangeRefused(f"goods were already received against {po.po_no} "
                            f"({po.material_code}): its quantity cannot change",
                            {"po_no": po.po_no})
    if po is None and stock is not None and delta > stock.available:
        raise ChangeRefused(f"{request.company_id}'s store cannot reserve {delta} more "
                            f"{request.material_code}: {stock.available} available",
                            {"request_no": request.request_no})


def apply(request: MaterialRequest, po: PurchaseOrder | None, quantity: Decimal,
          stock: StockLevel | None) -> dict:
    """Follow the re-sized request; returns what undo needs."""
    undo = {"request_no": request.request_no, "quantity": str(request.quantity),
            "po_status": po.status if po else None}
    delta = quantity - request.quantity
    request.quantity = quantity
    if po is not None:
        po.quantity = quantity
        if quantity == 0:
            po.close()  # nothing needed any more: the PO is cancelled
    elif stock is not None:
        if delta > 0:
            stock.reserve(delta)
        else:
            stock.release(-delta)
    return undo


def undo(data: dict, request: MaterialRequest, po: PurchaseOrder | None,
         stock: StockLevel | None) -> None:
    before = Decimal(data["quantity"])
    delta = request.quantity - before
    request.quantity = before
    if po is not None:
        po.quantity, po.status = before, data["po_status"]
    elif stock is not None:
        if delta > 0:
            stock.release(delta)
        elif delta < 0:
            stock.reserve(-delta)
