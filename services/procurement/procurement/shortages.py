"""Procurement's shortage use cases (PRC-6): `f(actor, shortage_no, payload, uow)`, and
`follow_qualified_receipt`, called by the IQC outcomes (inbound.py) in their transaction.

A PO whose every lot IQC has decided, with nothing awaited (no unreplaced rejection),
yet qualified short of its line, opens a shortage owned by the buyer who received the
goods, to follow up on the next working day; a later delivery that qualifies the missing
quantity closes it as delivered, or the buyer cancels it with a reason and the PO
closes short.
"""

from __future__ import annotations

from datetime import datetime

from contracts.rpc.common import Actor, JourneyStage
from contracts.rpc.shortages import (
    ShortageCancel,
    ShortageChase,
    ShortagePublic,
    ShortageStatus,
)
from procurement.domain import purchasing
from procurement.domain.errors import ShortageNotFound
from procurement.domain.purchasing import Lot, PurchaseOrder
from procurement.domain.shortages import Shortage, missing_after_qualification
from procurement.views import DEPARTMENT
from servicekit import clock
from servicekit.journeys import stage
from servicekit.workcalendar import DEFAULT_CALENDAR, WorkCalendar


def follow_qualified_receipt(po: PurchaseOrder, lot: Lot, uow, now: datetime,
                             calendar: WorkCalendar = DEFAULT_CALENDAR) -> None:
    """After IQC decided `lot`: open, update or close the PO's shortage (PRC-6)."""
    missing = missing_after_qualification(po)
    shortage = uow.shortages.open_for_po(po.po_no)
    if shortage is not None:
        if po.status == purchasing.RECEIVED:
            shortage.delivered(lot.lot_no, now)
        elif missing > 0:
            shortage.missing_quantity = missing  # a part delivery: less is still owed
        uow.shortages.save(shortage)
    elif missing > 0:
        uow.shortages.add(Shortage(
            shortage_no=uow.numbers.next("SH", po.company_id), po_no=po.po_no,
            company_id=po.company_id, order_no=po.order_no,
            material_code=po.material_code, supplier_code=po.supplier_code,
            lot_no=lot.lot_no, missing_quantity=missing, owner=lot.received_by,
            opened_at=now,
            follow_up_on=calendar.add_working_days(calendar.local(now), 1).date()))


def list_shortages(actor: Actor, status: ShortageStatus | None, owner: str | None,
                   order_no: str | None, limit: int, uow) -> list[ShortagePublic]:
    with uow:
        found = uow.shortages.list(companies=actor.companies,
                                   status=None if status is None else str(status),
                                   owner=owner, order_no=order_no, limit=limit)
    return [shortage_public(s) for s in found]


def chase_shortage(actor: Actor, shortage_no: str, chase: ShortageChase,
                   uow) -> ShortagePublic:
    """The buyer recorded pressing the supplier, and when to press again (PRC-6)."""
    now = clock.now()
    with uow:
        shortage = _load(actor, shortage_no, uow)
        shortage.chase(note=chase.note, next_follow_up=chase.next_follow_up, at=now,
                       by=actor.username)
        uow.shortages.save(shortage)
        uow.commit()
    return shortage_public(shortage)


def cancel_shortage(actor: Actor, shortage_no: str, cancel: ShortageCancel,
                    uow) -> ShortagePublic:
    """The missing quantity will not come: cancelled with a reason, the PO closed short."""
    now = clock.now()
    with uow:
        shortage = _load(actor, shortage_no, uow)
        shortage.cancel(reason=cancel.reason, at=now, by=actor.username)
        po = uow.purchase_orders.get(shortage.po_no, lock=True)
        po.close()
        uow.purchase_orders.save(po)
        uow.shortages.save(shortage)
        uow.commit()
    return shortage_public(shortage)


def _load(actor: Actor, shortage_no: str, uow) -> Shortage:
    shortage = uow.shortages.get(shortage_no, for_update=True)
    if shortage is None or not actor.may_see(shortage.company_id):
        raise ShortageNotFound(f"shortage {shortage_no} not found")
    return shortage


def shortage_public(s: Shortage) -> ShortagePublic:
    return ShortagePublic(**{name: getattr(s, name) for name in ShortagePublic.model_fields})


def shortage_stages(s: Shortage) -> list[JourneyStage]:
    """X-3: a shortage in the order's journey, from its opening to its closing."""
    refs = {"po_no": s.po_no, "lot_no": s.lot_no, "shortage_no": s.shortage_no}
    if s.status == "open":
        return [stage(DEPARTMENT, "shortage chased", "waiting", s.opened_at, actor=s.owner,
                      refs=refs, summary=f"{s.missing_quantity} {s.material_code} missing "
                                         f"from {s.supplier_code}, follow up on "
                                         f"{s.follow_up_on} (PRC-6)")]
    outcome = (f"delivered by lot {s.delivered_lot_no}" if s.status == "delivered"
               else f"cancelled: {s.cancel_reason}")
    return [stage(DEPARTMENT, "shortage chased", "done", s.opened_at, ended_at=s.closed_at,
                  actor=s.closed_by or s.owner, refs=refs,
                  summary=f"{s.missing_quantity} {s.material_code} {outcome} (PRC-6)")]
