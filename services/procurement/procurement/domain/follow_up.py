"""Supplier follow-up of a purchase order (PRC-4, PRC-5, PRC-7), pure.

The buyer records the supplier's confirmation of the real ship date; that act, not the
receipt, answers the 5-working-day follow-up (PRC-4). A ship date after the material's
needed-by date is a slip: the buyer reports it with a remedy (PRC-4); a remedy that does
not hold gives planning the new material date to re-date the order from (PRC-7). On the
ship day the buyer confirms that the goods left and with which carrier, or reports the
missed shipment (PRC-5).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from procurement.domain.errors import FollowUpRefused, RemedyRejected

# rule PRC-4: a change of vendor or model is agreed with design and sales first.
NEEDS_DESIGN_AND_SALES = "change_vendor_or_model"


@dataclass
class SupplierFollowUp:
    po_no: str
    company_id: str
    order_no: str
    needed_by: date
    ship_date: date
    confirmed_at: datetime
    confirmed_by: str
    remedy: str | None = None
    remedy_holds: bool | None = None
    new_material_date: date | None = None
    remedy_note: str = ""
    signed_off_by: str = ""
    reported_at: datetime | None = None
    reported_by: str | None = None
    shipped: bool | None = None
    carrier: str = ""
    carrier_contact: str = ""
    miss_reason: str = ""
    checked_at: datetime | None = None
    checked_by: str | None = None

    @property
    def slipped(self) -> bool:
        """PRC-4: the supplier cannot deliver by the day the material is needed."""
        return self.ship_date > self.needed_by

    def reconfirm(self, ship_date: date, at: datetime, by: str) -> None:
        """The supplier confirmed again (a new date): a fresh slip needs a fresh report."""
        self.ship_date, self.confirmed_at, self.confirmed_by = ship_date, at, by
        self.remedy = self.remedy_holds = self.new_material_date = None
        self.reported_at = self.reported_by = None

    def report_slip(self, *, remedy: str, holds: bool, new_material_date: date | None,
                    design_sign_off: str, sales_sign_off: str, note: str,
                    at: datetime, by: str) -> None:
        if not self.slipped:
            raise FollowUpRefused(
                f"{self.po_no} ships {self.ship_date}, by its needed-by date "
                f"{self.needed_by}: there is no slip to report (PRC-4)",
                {"po_no": self.po_no})
        if self.reported_at is not None:
            raise FollowUpRefused(f"{self.po_no}: the slip was already reported with "
                                  f"{self.remedy} (PRC-4)", {"po_no": self.po_no})
        if remedy == NEEDS_DESIGN_AND_SALES and not (design_sign_off and sales_sign_off):
            raise RemedyRejected("a change of vendor or model needs design's and sales' "
                                 "sign-off (PRC-4)", {"po_no": self.po_no})
        if not holds and new_material_date is None:
            raise RemedyRejected("a remedy that does not meet the plan needs the new "
                                 "material date, to re-date the plan from (PRC-7)",
                                 {"po_no": self.po_no})
        if not holds and new_material_date <= self.needed_by:
            raise RemedyRejected(f"a new material date of {new_material_date} meets the "
                                 f"needed-by date {self.needed_by}: the remedy holds",
                                 {"po_no": self.po_no})
        self.remedy, self.remedy_holds, self.remedy_note = remedy, holds, note
        self.new_material_date = None if holds else new_material_date
        self.signed_off_by = ", ".join(n for n in (design_sign_off, sales_sign_off) if n)
        self.reported_at, self.reported_by = at, by

    def check_shipment(self, *, shipped: bool, carrier: str, carrier_contact: str,
                       reason: str, at: datetime, by: str) -> None:
        """PRC-5: the ship-day call; a missed shipment needs its reason."""
        if self.checked_at is not None and self.shipped:
            raise FollowUpRefused(f"{self.po_no} already left with {self.carrier} (PRC-5)",
                                  {"po_no": self.po_no})
        if shipped and not carrier:
            raise RemedyRejected("a shipment that left needs its carrier (PRC-5)")
        if not shipped and not reason:
            raise RemedyRejected("a missed shipment is reported with its reason (PRC-5)")
        self.shipped, self.carrier, self.carrier_contact = shipped, carrier, carrier_contact
        self.miss_reason = "" if shipped else reason
        self.checked_at, self.checked_by = at, by
