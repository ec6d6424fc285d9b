"""Procurement use cases: plain functions taking a command or event and a unit of work."""

from __future__ import annotations

import logging
from datetime import UTC, date, datetime

from contracts.errors import Conflict, NotFound
from contracts.events.planning import MaterialRequested
from contracts.events.procurement import (
    GoodsReceived,
    MaterialAvailable,
    PurchaseOrdered,
    SupplySource,
)
from contracts.events.quality import LotAccepted, LotRejected
from contracts.rpc.common import Actor
from contracts.rpc.procurement import PurchaseOrderPublic, ReceiptCreate, StockPublic
from procurement.domain import purchasing, requests
from procurement.domain.purchasing import PurchaseOrder, PurchaseOrderConflict
from procurement.domain.requests import MaterialRequest
from procurement.domain.stock import cover_from_stock, match_stock
from procurement.domain.suppliers import choose_supplier
from procurement.views import po_public
from servicekit.timelimits import X1_TIME_LIMITS
from servicekit.workcalendar import DEFAULT_CALENDAR, WorkCalendar

log = logging.getLogger(__name__)

PRC4 = X1_TIME_LIMITS["PRC-4.supplier_confirmation"]


def prc4_subject(po_no: str) -> str:
    return f"PO {po_no}"


# -- planning.material_requested -------------------------------------------------------

def request_material(company_id: str, event: MaterialRequested, uow, now: datetime | None = None,
                     calendar: WorkCalendar = DEFAULT_CALENDAR) -> MaterialRequest:
    """PRC-1 own stock, else PRC-3 a sister's stock, else PRC-2 buy from an approved supplier."""
    now = now or datetime.now(UTC)
    with uow:
        existing = uow.requests.get(event.request_no)
        if existing is not None:  # the same request sent again under a new event id
            log.info("material request %s already handled; ignored", event.request_no)
            uow.commit()
            return existing
        request = MaterialRequest(
            request_no=event.request_no, company_id=company_id, order_no=event.order_no,
            material_code=event.material_code, quantity=event.quantity,
            needed_by=event.needed_by, requested_at=now)
        levels = uow.stock.for_material(event.material_code)
        match = match_stock(company_id, event.quantity, levels.values())
        if match is not None:
            for level in cover_from_stock(match, company_id, event.material_code, levels):
                uow.stock.save(level)
            request.covered(match.source.value, now, from_company=match.from_company)
            uow.requests.add(request)
            _emit_available(uow, request, match.source)
        else:
            _purchase(request, uow, now, calendar)
        uow.commit()
    return request


def _purchase(request: MaterialRequest, uow, now: datetime, calendar: WorkCalendar) -> None:
    today = calendar.local(now)

    def arrival_for(lead_days: int) -> date:
        return calendar.add_working_days(today, lead_days).date()

    choice = choose_supplier(uow.master.offers_for(request.material_code),
                             request.material_code, request.needed_by, arrival_for)
    if choice is None:
        # PRC-2: never an unapproved supplier. Recorded, visible in the journey.
        request.status = requests.UNSOURCED
        uow.requests.add(request)
        log.warning("no approved supplier for %s (request %s)", request.material_code,
                    request.request_no)
        return
    po = PurchaseOrder(
        po_no=uow.numbers.next("PO", request.company_id),
        company_id=request.company_id, order_no=request.order_no,
        request_no=request.request_no, material_code=request.material_code,
        quantity=request.quantity, supplier_code=choice.offer.supplier_code,
        unit_price=choice.offer.unit_price, confirmed_date=choice.confirmed_date,
        placed_at=now)
    uow.purchase_orders.add(po)
    request.status, request.po_no = requests.ORDERED, po.po_no
    uow.requests.add(request)
    _open_supplier_follow_up(po, uow, now, calendar)
    uow.emit("procurement.purchase_ordered", PurchaseOrdered(
        po_no=po.po_no, request_no=po.request_no, order_no=po.order_no,
        material_code=po.material_code, quantity=po.quantity,
        supplier_code=po.supplier_code, confirmed_date=po.confirmed_date,
    ), company_id=po.company_id, order_no=po.order_no)


def _open_supplier_follow_up(po: PurchaseOrder, uow, now: datetime,
                             calendar: WorkCalendar) -> None:
    """PRC-4: 5 working days before the confirmed date the supplier confirms the ship date.

    Met when the goods are received. With a lead time under 5 working days the moment
    has already passed when the PO is placed: the supplier confirmed the date in
    accepting the PO, so the limit is recorded as met at once rather than breached.
    """
    uow.deadlines.open(PRC4, subject=prc4_subject(po.po_no), company_id=po.company_id,
                       detail=f"{po.supplier_code}, {po.material_code}, due {po.confirmed_date}",
                       anchor=calendar.start_of_business(po.confirmed_date), calendar=calendar,
                       order_no=po.order_no, opened_at=now, if_passed="met")


def _emit_available(uow, request: MaterialRequest, source: SupplySource) -> None:
    uow.emit("procurement.material_available", MaterialAvailable(
        request_no=request.request_no, order_no=request.order_no,
        material_code=request.material_code, quantity=request.quantity, source=source,
    ), company_id=request.company_id, order_no=request.order_no)


# -- receiving (PRC-6) and incoming inspection outcomes (QLT-1) --------------------------

def receive_goods(actor: Actor, po_no: str, receipt: ReceiptCreate, uow,
                  now: datetime | None = None) -> PurchaseOrderPublic:
    """A delivery becomes an inspection lot; it waits for IQC, not in stock (PRC-6)."""
    now = now or datetime.now(UTC)
    with uow:
        po = _visible_po(actor, po_no, uow, lock=True)
        try:
            lot = po.receive(lot_no=uow.numbers.next("LOT", po.company_id),
                             quantity=receipt.quantity,
                             delivery_note_quantity=receipt.delivery_note_quantity,
                             delivery_note_no=receipt.delivery_note_no, at=now,
                             by=actor.username)
        except PurchaseOrderConflict as exc:
            raise Conflict(str(exc), {"po_no": po_no, "status": po.status}) from None
        uow.purchase_orders.save(po)
        uow.deadlines.meet(PRC4, prc4_subject(po.po_no), at=now)
        uow.emit("procurement.goods_received", GoodsReceived(
            lot_no=lot.lot_no, po_no=po.po_no, order_no=po.order_no,
            material_code=po.material_code, supplier_code=po.supplier_code,
            quantity=lot.quantity, delivery_note_quantity=lot.delivery_note_quantity,
            replacement_for=lot.replacement_for,
        ), company_id=po.company_id, order_no=po.order_no)
        uow.commit()
    return po_public(po)


def accept_lot(event: LotAccepted, uow, now: datetime | None = None) -> None:
    """IQC passed: into the PO company's store, reserved for the request (QLT-1, PRC-6)."""
    now = now or datetime.now(UTC)
    with uow:
        po = _po_with_lot_awaiting(event.lot_no, uow)
        if po is not None:
            stock = uow.stock.get(po.company_id, po.material_code)
            purchasing.accept_into_store(po, event.lot_no, stock, at=event.inspected_at,
                                         by=event.inspected_by)
            uow.stock.save(stock)
            uow.purchase_orders.save(po)
            if po.status == purchasing.RECEIVED:
                request = uow.requests.get(po.request_no)
                request.covered(SupplySource.PURCHASE.value, now)
                uow.requests.save(request)
                _emit_available(uow, request, SupplySource.PURCHASE)
        uow.commit()


def reject_lot(event: LotRejected, uow) -> None:
    """IQC failed: the lot is returned and a replacement awaited; stock untouched (PRC-6)."""
    with uow:
        po = _po_with_lot_awaiting(event.lot_no, uow)
        if po is not None:
            reasons = list(event.reasons) + [f"serious defect: {d.value}"
                                             for d in event.serious_defects]
            purchasing.return_to_supplier(po, event.lot_no, reasons, at=event.inspected_at,
                                          by=event.inspected_by)
            uow.purchase_orders.save(po)
        uow.commit()


def _po_with_lot_awaiting(lot_no: str, uow) -> PurchaseOrder | None:
    """The PO of a lot still awaiting IQC; None (logged) for an unknown or decided lot,
    so an out-of-order or repeated decision is recorded as handled, not retried."""
    po = uow.purchase_orders.by_lot(lot_no)
    if po is None:
        log.warning("inspection result for unknown lot %s ignored", lot_no)
        return None
    lot = po.lot(lot_no)
    if lot.status != purchasing.LOT_AWAITING:
        log.warning("inspection result for lot %s ignored: it is already %s", lot_no,
                    lot.status)
        return None
    return po


# -- queries ------------------------------------------------------------------------------

def _visible_po(actor: Actor, po_no: str, uow, *, lock: bool = False) -> PurchaseOrder:
    po = uow.purchase_orders.get(po_no, lock=lock)
    if po is None or not actor.may_see(po.company_id):
        raise NotFound(f"purchase order {po_no} not found")
    return po


def get_purchase_order(actor: Actor, po_no: str, uow) -> PurchaseOrderPublic:
    with uow:
        return po_public(_visible_po(actor, po_no, uow))


def list_purchase_orders(actor: Actor, uow, order_no: str | None = None,
                         status: str | None = None) -> list[PurchaseOrderPublic]:
    with uow:
        pos = uow.purchase_orders.list(companies=actor.companies, order_no=order_no,
                                       status=status)
    return [po_public(po) for po in pos]


def list_stock(actor: Actor, uow, material_code: str | None = None) -> list[StockPublic]:
    """Group-wide: every company's stock is visible to all (CO-2, PRC-1)."""
    with uow:
        levels = uow.stock.list(material_code)
    return [StockPublic(company_id=lv.company_id, material_code=lv.material_code,
                        on_hand=lv.on_hand, reserved=lv.reserved) for lv in levels]
