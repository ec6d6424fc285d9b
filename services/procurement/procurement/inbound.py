"""What other departments tell procurement: `f(event, payload, uow)` per event it consumes.

The envelope carries the company and the order no. A request sent again, or an
inspection result for an unknown or already decided lot, is logged and recorded as
handled (never retried: it will not become valid later).
"""

from __future__ import annotations

import logging
from datetime import date, datetime
from decimal import Decimal

from contracts.envelope import EventEnvelope
from contracts.events.planning import MaterialRequested
from contracts.events.procurement import PurchaseOrdered
from contracts.events.quality import ConcessionGranted, LotAccepted, LotRejected
from procurement import shortages
from procurement.cover import covered_if_complete, emit_stock_level
from procurement.domain import purchasing, requests
from procurement.domain.errors import PurchaseOrderRefused
from procurement.domain.purchasing import PurchaseOrder
from procurement.domain.requests import MaterialRequest
from procurement.domain.stock import plan_cover, reserve_cover
from procurement.domain.suppliers import choose_supplier
from procurement.handlers import PRC4, prc4_subject
from procurement.transfers import request_transfers
from servicekit import clock
from servicekit.workcalendar import DEFAULT_CALENDAR, WorkCalendar

log = logging.getLogger(__name__)


# -- planning.material_requested (PRC-1..3) ---------------------------------------------------

def material_requested(event: EventEnvelope, payload: MaterialRequested, uow,
                       calendar: WorkCalendar = DEFAULT_CALENDAR) -> None:
    """PRC-1 group-wide stock first — own store, then sisters' by transfer (PRC-3) — and
    PRC-2 buy only the rest from an approved supplier."""
    now = clock.now()
    with uow:
        if uow.requests.get(payload.request_no) is not None:
            # the same request sent again under a new event id
            log.info("material request %s already handled; ignored", payload.request_no)
            uow.commit()
            return
        levels = uow.stock.for_material(payload.material_code)
        cover = plan_cover(event.company_id, payload.quantity, levels.values())
        request = MaterialRequest(
            request_no=payload.request_no, company_id=event.company_id,
            order_no=payload.order_no, material_code=payload.material_code,
            quantity=payload.quantity, needed_by=payload.needed_by, requested_at=now,
            status=requests.TRANSFERRING, own_quantity=cover.own)
        for level in reserve_cover(cover, event.company_id, levels):
            uow.stock.save(level)
            emit_stock_level(uow, level)
        request_transfers(request, cover.transfers, uow, now)
        if cover.to_buy > 0:
            _purchase(request, cover.to_buy, uow, now, calendar)
        else:
            uow.requests.add(request)
            covered_if_complete(request, uow, now)  # all from own stock: available at once
        uow.commit()


def _purchase(request: MaterialRequest, quantity: Decimal, uow, now: datetime,
              calendar: WorkCalendar) -> None:
    """PRC-2: what the group's stores do not cover is bought."""
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
        quantity=quantity, supplier_code=choice.offer.supplier_code,
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

    Met when the buyer records the supplier's confirmation of the ship date
    (supplier_follow_up.confirm_ship_date), not by the receipt. With a lead time under 5
    working days the moment has already passed when the PO is placed: the limit is due at
    once and breaches, visibly, until the buyer records the supplier's confirmation (X-1:
    a limit is met only by its act).
    """
    uow.deadlines.open(PRC4, subject=prc4_subject(po.po_no), company_id=po.company_id,
                       detail=f"{po.supplier_code}, {po.material_code}, due {po.confirmed_date}",
                       anchor=calendar.start_of_business(po.confirmed_date), calendar=calendar,
                       order_no=po.order_no, opened_at=now)


# -- incoming inspection outcomes (QLT-1, PRC-6) ----------------------------------------------

def lot_accepted(event: EventEnvelope, payload: LotAccepted, uow) -> None:
    """IQC passed: into the PO company's store, reserved for the request (QLT-1, PRC-6)."""
    now = clock.now()
    with uow:
        po = _po_with_lot_awaiting(payload.lot_no, uow)
        if po is not None:
            stock = uow.stock.get(po.company_id, po.material_code)
            lot = purchasing.accept_into_store(po, payload.lot_no, stock,
                                               at=payload.inspected_at,
                                               by=payload.inspected_by)
            uow.stock.save(stock)
            emit_stock_level(uow, stock)
            uow.purchase_orders.save(po)
            shortages.follow_qualified_receipt(po, lot, uow, now)  # PRC-6
            _covered_if_received(po, uow, now)
        uow.commit()


def _covered_if_received(po: PurchaseOrder, uow, now: datetime) -> None:
    """A PO received in full covers its part of the request (PRC-2, PRC-6)."""
    if po.status == purchasing.RECEIVED:
        covered_if_complete(uow.requests.get(po.request_no), uow, now)


def concession_granted(event: EventEnvelope, payload: ConcessionGranted, uow) -> None:
    """PRC-6: a rejected lot is accepted on concession: the PO records the reduced price and
    the lot goes into store; a lot already replaced or taken is logged and left alone."""
    now = clock.now()
    with uow:
        po = uow.purchase_orders.by_lot(payload.lot_no)
        lot = po.lot(payload.lot_no) if po is not None else None
        if lot is None or lot.status != purchasing.LOT_REJECTED:
            log.warning("concession %s for lot %s ignored: %s", payload.ncr_no, payload.lot_no,
                        "unknown lot" if lot is None else f"it is {lot.status}")
            uow.commit()
            return
        stock = uow.stock.get(po.company_id, po.material_code)
        try:
            lot = purchasing.accept_on_concession_into_store(
                po, payload.lot_no, stock, reduction_percent=payload.price_reduction_percent,
                ncr_no=payload.ncr_no, at=payload.decided_at, by=payload.decided_by)
        except PurchaseOrderRefused as refused:  # replaced meanwhile: it will not become valid
            log.warning("concession %s refused: %s", payload.ncr_no, refused)
            uow.commit()
            return
        uow.stock.save(stock)
        emit_stock_level(uow, stock)
        uow.purchase_orders.save(po)
        shortages.follow_qualified_receipt(po, lot, uow, now)  # PRC-6
        _covered_if_received(po, uow, now)
        uow.commit()


def lot_rejected(event: EventEnvelope, payload: LotRejected, uow) -> None:
    """IQC failed: the lot is returned and a replacement awaited; stock untouched (PRC-6)."""
    with uow:
        po = _po_with_lot_awaiting(payload.lot_no, uow)
        if po is not None:
            reasons = list(payload.reasons) + [f"serious defect: {d.value}"
                                               for d in payload.serious_defects]
            purchasing.return_to_supplier(po, payload.lot_no, reasons,
                                          at=payload.inspected_at, by=payload.inspected_by)
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
