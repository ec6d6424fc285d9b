"""Sales' order follow-up (跟单, SAL-9): the task 2-3 working days before each confirmed
delivery date, the check of real progress, and the urge note (催促单) with its final
deadline when the date cannot be met. Its methods join sales' table."""

from __future__ import annotations

from datetime import date, datetime

from pydantic import BaseModel, Field

from contracts.errors import Conflict, InvalidRequest, NotFound
from contracts.rpc.api import command, query
from contracts.rpc.bounds import NO_NUL, BoundedDate
from contracts.rpc.common import BusinessNo, PageLimit, StrictPayload


class FollowUpCheck(StrictPayload):
    """Contract & order management checked the order's real progress (SAL-9)."""

    confirmed_date: BoundedDate = Field(description="the delivery date being followed up")
    note: str = Field(default="", max_length=1000, pattern=NO_NUL)


class UrgeNoteCreate(StrictPayload):
    """The date cannot be met: the customer is told the new date and an urge note with the
    final deadline goes to the production manager and the GM (SAL-9)."""

    confirmed_date: BoundedDate
    new_date: BoundedDate = Field(description="the new delivery date the customer is told")
    final_deadline: BoundedDate = Field(description="production's final deadline (tracked)")
    note: str = Field(default="", max_length=1000, pattern=NO_NUL)


class DeliveryDateAgreement(StrictPayload):
    """The customer agreed a later delivery date, after the plan moved (PRC-7, SAL-11)."""

    new_date: BoundedDate = Field(description="the delivery date the customer agreed")
    note: str = Field(default="", max_length=1000, pattern=NO_NUL)


class FollowUpPublic(BaseModel):
    """A follow-up task with the order's real progress (SAL-9, SAL-11)."""

    order_no: str
    company_id: str
    confirmed_date: date
    window_opens: datetime = Field(description="3 working days before the date")
    due_at: datetime = Field(description="2 working days before the date")
    status: str = Field(description="open | checked | superseded (a change moved the date)")
    order_status: str
    forecast_completion: datetime | None = None
    deviation: bool = Field(description="the forecast is later than the confirmed date")
    checked_at: datetime | None = None
    checked_by: str | None = None
    urge_note_no: str | None = None
    new_date: date | None = None
    final_deadline: date | None = None


class FollowUpOrderDate(BaseModel):
    """The order's delivery date after the customer's agreement (PRC-7, SAL-11)."""

    order_no: str
    confirmed_date: date
    forecast_completion: datetime | None = None
    agreed_by: str


FOLLOW_UP_STEP = (NotFound, Conflict, InvalidRequest)
METHODS = [
    query("list_follow_ups", on=BoundedDate, limit=(PageLimit, 100),
          reply=list[FollowUpPublic],
          doc="SAL-9: the follow-up tasks open on that day (their window has opened), of the "
              "actor's companies"),
    command("record_follow_up", order_no=BusinessNo, check=FollowUpCheck,
            reply=FollowUpPublic, refuses=FOLLOW_UP_STEP,
            doc="SAL-9: the check of real progress (meets the follow-up limit); a late "
                "forecast is a deviation: a remedy is asked of production and the GM told"),
    command("issue_urge_note", order_no=BusinessNo, urge=UrgeNoteCreate,
            reply=FollowUpPublic, refuses=FOLLOW_UP_STEP,
            doc="SAL-9: customer told the new date; urge note to the production manager and "
                "GM with a final deadline (tracked). Conflict unless a deviation was found"),
    command("agree_delivery_date", order_no=BusinessNo, agreement=DeliveryDateAgreement,
            reply=FollowUpOrderDate, refuses=FOLLOW_UP_STEP,
            doc="PRC-7/SAL-11: the customer agreed a later delivery date once planning moved "
                "the forecast; the order's lines take it. Conflict before the order is "
                "planned; InvalidRequest for a date before the forecast completion"),
]
