"""Procurement's RPC use cases: `f(actor, payload..., uow)`; `with uow: ...; uow.commit()`.

They scope every purchase order to the actor's companies (another company's PO is not
found), raise procurement's refusals (domain/errors.py; servicekit.rpcs maps them to wire
errors) and emit procurement's events through the outbox in the same transaction as the
change. What other departments tell procurement is in inbound.py.
"""

from __future__ import annotations

from contracts.events.procurement import GoodsReceived
from contracts.rpc.common import Actor, JourneyStage
from contracts.rpc.procurement import (
    PurchaseOrderPublic,
    PurchaseOrderStatus,
    ReceiptCreate,
    StockPublic,
)
from procurement import follow_up_views, views
from procurement.domain.errors import PurchaseOrderNotFound
from procurement.domain.purchasing import PurchaseOrder
from procurement.shortages import shortage_stages
from procurement.transfers import transfer_stages
from servicekit import clock
from servicekit.timelimits import X1_TIME_LIMITS

PRC4 = X1_TIME_LIMITS["PRC-4.supplier_confirmation"]


def prc4_subject(po_no: str) -> str:
    """The subject of a PO's PRC-4 supplier-confirmation limit."""
    return f"PO {po_no}"


def _load(actor: Actor, po_no: str, uow, *, lock: bool = False) -> PurchaseOrder:
    po = uow.purchase_orders.get(po_no, lock=lock)
    if po is None or not actor.may_see(po.company_id):
        raise PurchaseOrderNotFound(f"purchase order {po_no} not found")
    return po


# -- receiving (PRC-6) ------------------------------------------------------------------------

def receive_goods(actor: Actor, po_no: str, receipt: ReceiptCreate, uow) -> PurchaseOrderPublic:
    """A delivery becomes an inspection lot; it waits for IQC, not in stock (PRC-6).

    The counted quantity is checked against the PO (over-receipt beyond the tolerance is
    refused, PRC-6). The receipt does not meet PRC-4: the supplier's confirmation of the
    ship date does, days earlier (supplier_follow_up.confirm_ship_date)."""
    now = clock.now()
    with uow:
        po = _load(actor, po_no, uow, lock=True)
        lot = po.receive(lot_no=uow.numbers.next("LOT", po.company_id),
                         quantity=receipt.quantity,
                         delivery_note_quantity=receipt.delivery_note_quantity,
                         delivery_note_no=receipt.delivery_note_no, at=now,
                         by=actor.username)
        uow.purchase_orders.save(po)
        uow.emit("procurement.goods_received", GoodsReceived(
            lot_no=lot.lot_no, po_no=po.po_no, order_no=po.order_no,
            material_code=po.material_code, supplier_code=po.supplier_code,
            quantity=lot.quantity, delivery_note_quantity=lot.delivery_note_quantity,
            replacement_for=lot.replacement_for,
        ), company_id=po.company_id, order_no=po.order_no)
        uow.commit()
    return views.po_public(po)


# -- reads ------------------------------------------------------------------------------------

def get_purchase_order(actor: Actor, po_no: str, uow) -> PurchaseOrderPublic:
    with uow:
        return views.po_public(_load(actor, po_no, uow))


def list_purchase_orders(actor: Actor, order_no: str | None,
                         status: PurchaseOrderStatus | None, limit: int,
                         uow) -> list[PurchaseOrderPublic]:
    with uow:
        pos = uow.purchase_orders.list(companies=actor.companies, order_no=order_no,
                                       status=None if status is None else str(status),
                                       limit=limit)
    return [views.po_public(po) for po in pos]


def list_stock(actor: Actor, material_code: str | None, limit: int, uow) -> list[StockPublic]:
    """Group-wide: every company's stock is visible to all (CO-2, PRC-1)."""
    with uow:
        levels = uow.stock.list(material_code, limit)
    return [views.stock_public(level) for level in levels]


def journey(actor: Actor, order_no: str, uow) -> list[JourneyStage]:
    """Procurement's stages of an order, per material request (X-3); empty when procurement
    holds nothing of it the actor may see."""
    with uow:
        requests = [r for r in uow.requests.for_order(order_no) if actor.may_see(r.company_id)]
        deadlines = {d.subject: d for d in uow.deadlines.for_order(order_no)}
        stages: list[JourneyStage] = []
        for request in requests:
            po = uow.purchase_orders.get(request.po_no) if request.po_no else None
            moved = [stage for transfer in uow.transfers.for_request(request.request_no)
                     for stage in transfer_stages(transfer)]  # PRC-3
            stages += views.request_stages(
                request, po, po and deadlines.get(prc4_subject(po.po_no)), moved)
            follow_up = po and uow.follow_ups.get(po.po_no)
            if follow_up is not None:  # PRC-4, PRC-5
                stages += follow_up_views.follow_up_stages(follow_up)
        for shortage in uow.shortages.for_order(order_no):  # PRC-6
            if actor.may_see(shortage.company_id):
                stages += shortage_stages(shortage)
    return stages
