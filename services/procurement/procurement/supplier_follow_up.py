"""Procurement's supplier follow-up use cases (PRC-4, PRC-5, PRC-7):
`f(actor, po_no, payload, uow)`; `with uow: ...; uow.commit()`.

The supplier's confirmation of the real ship date meets the PO's PRC-4 follow-up limit
(opened when the PO is placed, inbound.py). A confirmed ship date after the material's
needed-by date is a slip: its 30-minute report limit opens, met by the buyer's report
with a remedy. The confirmation also opens PRC-5's ship-day check, met by the buyer's
call to the supplier on that day. Each confirmation has its own limits (their subjects
name the ship date): a re-confirmation with a new date opens a fresh slip report and ship-day
check, and closes the old date's ones as superseded (X-1: never met by the new date).
"""

from __future__ import annotations

from datetime import date

from contracts.events.procurement import MaterialDelayed
from contracts.rpc.common import Actor
from contracts.rpc.supplier_follow_up import (
    ShipDateConfirmation,
    ShipmentCheck,
    SlipReport,
    SupplierFollowUpPublic,
)
from procurement import follow_up_views as views
from procurement.domain import purchasing
from procurement.domain.errors import FollowUpRefused, PurchaseOrderNotFound
from procurement.domain.follow_up import SupplierFollowUp
from procurement.handlers import PRC4, _load, prc4_subject
from servicekit import clock
from servicekit.timelimits import X1_TIME_LIMITS
from servicekit.workcalendar import DEFAULT_CALENDAR, WorkCalendar

SLIP_REPORT = X1_TIME_LIMITS["PRC-4.slip_report"]
SHIP_DAY_CHECK = X1_TIME_LIMITS["PRC-5.ship_day_check"]


def slip_subject(po_no: str, ship_date: date) -> str:
    return f"slip of PO {po_no} (ships {ship_date.isoformat()})"


def ship_day_subject(po_no: str, ship_date: date) -> str:
    return f"ship day of PO {po_no} ({ship_date.isoformat()})"


def confirm_ship_date(actor: Actor, po_no: str, confirmation: ShipDateConfirmation, uow,
                      calendar: WorkCalendar = DEFAULT_CALENDAR) -> SupplierFollowUpPublic:
    """The buyer records the supplier's real ship date: that meets PRC-4's follow-up."""
    now = clock.now()
    with uow:
        po = _load(actor, po_no, uow, lock=True)
        if po.status not in purchasing.OPEN_STATES:
            raise FollowUpRefused(f"{po.po_no} is {po.status}: nothing is awaited from the "
                                  f"supplier", {"po_no": po.po_no, "status": po.status})
        follow_up = uow.follow_ups.get(po.po_no, for_update=True)
        if follow_up is None:
            follow_up = SupplierFollowUp(
                po_no=po.po_no, company_id=po.company_id, order_no=po.order_no,
                needed_by=uow.requests.get(po.request_no).needed_by,
                ship_date=confirmation.ship_date, confirmed_at=now,
                confirmed_by=actor.username)
            uow.follow_ups.add(follow_up)
        else:
            previous = follow_up.ship_date
            follow_up.reconfirm(confirmation.ship_date, now, actor.username)
            uow.follow_ups.save(follow_up)
            if previous != follow_up.ship_date:  # the old date's limits are superseded
                uow.deadlines.supersede(SLIP_REPORT, slip_subject(po.po_no, previous))
                uow.deadlines.supersede(SHIP_DAY_CHECK, ship_day_subject(po.po_no, previous))
        uow.deadlines.meet(PRC4, prc4_subject(po.po_no), at=now)  # rule PRC-4
        if follow_up.slipped:  # rule PRC-4: reported within 30 minutes, with a remedy
            uow.deadlines.open(SLIP_REPORT, subject=slip_subject(po.po_no, follow_up.ship_date),
                               company_id=po.company_id, order_no=po.order_no, opened_at=now,
                               detail=f"{po.po_no} ships {follow_up.ship_date}, needed by "
                                      f"{follow_up.needed_by}", calendar=calendar)
        # rule PRC-5: on the ship day the buyer confirms shipment and carrier
        uow.deadlines.open(SHIP_DAY_CHECK, subject=ship_day_subject(po.po_no,
                                                                    follow_up.ship_date),
                           company_id=po.company_id, order_no=po.order_no, opened_at=now,
                           anchor=calendar.start_of_business(follow_up.ship_date),
                           detail=f"{po.po_no} from {po.supplier_code}, ships "
                                  f"{follow_up.ship_date}", calendar=calendar)
        uow.commit()
    return views.follow_up_public(follow_up)


def report_slip(actor: Actor, po_no: str, report: SlipReport, uow) -> SupplierFollowUpPublic:
    """The slip goes to the department leader with the chosen remedy (PRC-4)."""
    now = clock.now()
    with uow:
        follow_up = _follow_up(actor, po_no, uow)
        follow_up.report_slip(remedy=str(report.remedy), holds=report.holds,
                              new_material_date=report.new_material_date,
                              design_sign_off=report.design_sign_off,
                              sales_sign_off=report.sales_sign_off, note=report.note,
                              at=now, by=actor.username)
        uow.follow_ups.save(follow_up)
        uow.deadlines.meet(SLIP_REPORT, slip_subject(po_no, follow_up.ship_date),
                           at=now)  # rule PRC-4
        if follow_up.new_material_date is not None:  # rule PRC-7: planning is told
            po = uow.purchase_orders.get(po_no)
            uow.emit("procurement.material_delayed", MaterialDelayed(
                po_no=po.po_no, request_no=po.request_no, order_no=po.order_no,
                material_code=po.material_code, new_material_date=follow_up.new_material_date,
                remedy=follow_up.remedy, reported_by=actor.username),
                company_id=po.company_id, order_no=po.order_no)
        uow.commit()
    return views.follow_up_public(follow_up)


def check_shipment(actor: Actor, po_no: str, check: ShipmentCheck,
                   uow) -> SupplierFollowUpPublic:
    """The ship-day call: shipped with a carrier, or a missed shipment reported (PRC-5)."""
    now = clock.now()
    with uow:
        follow_up = _follow_up(actor, po_no, uow)
        follow_up.check_shipment(shipped=check.shipped, carrier=check.carrier,
                                 carrier_contact=check.carrier_contact, reason=check.reason,
                                 at=now, by=actor.username)
        uow.follow_ups.save(follow_up)
        uow.deadlines.meet(SHIP_DAY_CHECK, ship_day_subject(po_no, follow_up.ship_date),
                           at=now)  # rule PRC-5
        uow.commit()
    return views.follow_up_public(follow_up)


def _follow_up(actor: Actor, po_no: str, uow) -> SupplierFollowUp:
    follow_up = uow.follow_ups.get(po_no, for_update=True)
    if follow_up is None:
        _load(actor, po_no, uow)  # NotFound for a PO the actor may not see
        raise FollowUpRefused(f"{po_no}: the supplier has not confirmed a ship date yet "
                              f"(PRC-4)", {"po_no": po_no})
    if not actor.may_see(follow_up.company_id):
        raise PurchaseOrderNotFound(f"purchase order {po_no} not found")
    return follow_up
