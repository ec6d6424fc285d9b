"""A material request covered in parts (PRC-1, PRC-3, PRC-2): own stock reserved at once,
transfers from sisters received, the rest bought and accepted into store. Planning hears
one `procurement.material_available` per request, once every part is in the requester's
store; every stock change is reported to planning's copy (CO-2)."""

from __future__ import annotations

from datetime import datetime

from contracts.events.procurement import MaterialAvailable, StockLevelChanged, SupplySource
from procurement.domain import purchasing, requests, transfers
from procurement.domain.requests import MaterialRequest


def covered_if_complete(request: MaterialRequest, uow, now: datetime) -> None:
    """Once the request's transfers are received and its PO (if any) received in full, it
    is covered: planning hears the material is in store."""
    if request.status in (requests.COVERED, requests.UNSOURCED):
        return
    moved = uow.transfers.for_request(request.request_no)
    if any(t.status != transfers.RECEIVED for t in moved):
        return
    po = uow.purchase_orders.get(request.po_no) if request.po_no else None
    if po is not None and po.status != purchasing.RECEIVED:
        return
    request.covered(requests.slowest_source(transfers=bool(moved), purchase=po is not None),
                    now)
    uow.requests.save(request)
    emit_available(uow, request)


def emit_available(uow, request: MaterialRequest) -> None:
    uow.emit("procurement.material_available", MaterialAvailable(
        request_no=request.request_no, order_no=request.order_no,
        material_code=request.material_code, quantity=request.quantity,
        source=SupplySource(request.source),
    ), company_id=request.company_id, order_no=request.order_no)


def emit_stock_level(uow, level) -> None:
    """CO-2: planning promises from group-wide stock (PLN-2) on its copy of these facts."""
    uow.emit("procurement.stock_level_changed", StockLevelChanged(
        company_id=level.company_id, material_code=level.material_code,
        on_hand=level.on_hand, available=level.available), company_id=level.company_id)
