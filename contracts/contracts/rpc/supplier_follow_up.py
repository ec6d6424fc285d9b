"""Procurement's supplier follow-up (PRC-4, PRC-5, PRC-7): the supplier's confirmed ship
date, a slip and its remedy, the ship-day check. Its methods join procurement's table."""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum

from pydantic import BaseModel, Field, StrictBool

from contracts.errors import Conflict, InvalidRequest, NotFound
from contracts.rpc.api import command
from contracts.rpc.bounds import NO_NUL, BoundedDate
from contracts.rpc.common import BusinessNo, StrictPayload


class SlipRemedy(StrEnum):
    """What a buyer does about a supplier that cannot deliver by the needed-by date (PRC-4)."""

    BORROW_FROM_SISTER = "borrow_from_sister"        # a transfer from a sister company (PRC-3)
    EXPEDITE = "expedite"                            # press the supplier to ship earlier
    SPLIT_DELIVERY = "split_delivery"                # part now, the rest later
    CANCEL_AND_RESOURCE = "cancel_and_resource"      # cancel the PO, buy elsewhere
    CHANGE_VENDOR_OR_MODEL = "change_vendor_or_model"  # needs design's and sales' sign-off


class ShipDateConfirmation(StrictPayload):
    """The supplier's confirmation of the real ship date (PRC-4): it meets the 5-working-day
    follow-up limit; a date later than the material's needed-by date is a slip."""

    ship_date: BoundedDate = Field(description="the date the supplier says the goods leave")
    note: str = Field(default="", max_length=500, pattern=NO_NUL)


class SlipReport(StrictPayload):
    """A slip reported to the department leader with the chosen remedy (PRC-4). `holds`
    says whether the remedy still meets the plan; if not, `new_material_date` is when the
    material will really be there, and planning re-dates the order from it (PRC-7)."""

    remedy: SlipRemedy
    holds: StrictBool = Field(description="the remedy still meets the material's needed-by date")
    new_material_date: BoundedDate | None = Field(
        default=None, description="required when the remedy does not hold (PRC-7)")
    design_sign_off: str = Field(default="", max_length=64, pattern=NO_NUL,
                                 description="who in design agreed a vendor/model change")
    sales_sign_off: str = Field(default="", max_length=64, pattern=NO_NUL,
                                description="who in sales agreed a vendor/model change")
    note: str = Field(default="", max_length=500, pattern=NO_NUL)


class ShipmentCheck(StrictPayload):
    """The ship-day call to the supplier (PRC-5): did the goods leave, with which carrier."""

    shipped: StrictBool
    carrier: str = Field(default="", max_length=100, pattern=NO_NUL)
    carrier_contact: str = Field(default="", max_length=100, pattern=NO_NUL)
    reason: str = Field(default="", max_length=500, pattern=NO_NUL,
                        description="why it did not leave (a missed shipment)")


class SupplierFollowUpPublic(BaseModel):
    """Where a PO's supplier follow-up stands (PRC-4, PRC-5, PRC-7)."""

    po_no: str
    order_no: str
    needed_by: date
    ship_date: date
    confirmed_at: datetime
    confirmed_by: str
    slipped: bool = Field(description="the confirmed ship date is after the needed-by date")
    remedy: SlipRemedy | None = None
    remedy_holds: bool | None = None
    new_material_date: date | None = None
    reported_at: datetime | None = None
    shipped: bool | None = None
    carrier: str = ""
    checked_at: datetime | None = None


METHODS = [
    command("confirm_ship_date", po_no=BusinessNo, confirmation=ShipDateConfirmation,
            reply=SupplierFollowUpPublic, refuses=(NotFound, Conflict),
            doc="PRC-4: the supplier's real ship date; meets the 5-working-day limit, a date "
                "after the needed-by date is a slip (30-minute report limit opens); opens "
                "PRC-5's ship-day check. Conflict if the PO is no longer open"),
    command("report_slip", po_no=BusinessNo, report=SlipReport,
            reply=SupplierFollowUpPublic, refuses=(NotFound, Conflict, InvalidRequest),
            doc="PRC-4: the slip and its remedy, to the leader; a remedy that does not hold "
                "tells planning the new material date (PRC-7). Conflict if nothing slipped; "
                "InvalidRequest for a vendor/model change without design's and sales' "
                "sign-off, or a failing remedy without a new date"),
    command("check_shipment", po_no=BusinessNo, check=ShipmentCheck,
            reply=SupplierFollowUpPublic, refuses=(NotFound, Conflict, InvalidRequest),
            doc="PRC-5: on the ship day, shipped with which carrier, or a missed shipment "
                "reported with its reason; meets the ship-day limit. Conflict before the "
                "ship date is confirmed or after it left; InvalidRequest without the carrier "
                "or the reason"),
]
