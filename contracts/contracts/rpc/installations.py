"""Installation and commissioning on the customer's site (AFS-3): sales records that the
contract includes it and tracks the customer's project readiness; after-sales schedules,
does and gets the installation signed off. Sales' methods join sales' table, after-sales'
join after-sales' table."""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum

from pydantic import BaseModel, Field

from contracts.errors import Conflict, NotFound
from contracts.rpc.api import command, query
from contracts.rpc.bounds import NO_NUL, BoundedDate
from contracts.rpc.common import BusinessNo, PageLimit, StrictPayload


class InstallationTerms(StrictPayload):
    """The contract says the equipment is installed and commissioned on site (AFS-3)."""

    site: str = Field(min_length=1, max_length=300, pattern=NO_NUL)


class SiteReadiness(StrictPayload):
    """The customer's project is ready for installation on this date (AFS-3)."""

    ready_on: BoundedDate
    note: str = Field(default="", max_length=500, pattern=NO_NUL)


class InstallationProjectPublic(BaseModel):
    order_no: str
    company_id: str
    site: str
    terms_by: str
    terms_at: datetime
    ready_on: date | None = None
    readiness_by: str | None = None
    readiness_at: datetime | None = None
    readiness_note: str = ""


class InstallationStatus(StrEnum):
    SCHEDULED = "scheduled"
    DONE = "done"
    SIGNED_OFF = "signed_off"


class InstallationDone(StrictPayload):
    """After-sales installed and commissioned the equipment (AFS-3)."""

    report: str = Field(min_length=1, max_length=1000, pattern=NO_NUL)


class InstallationSignOff(StrictPayload):
    """The customer accepted the installation: who signed for them (AFS-3)."""

    signed_by: str = Field(min_length=1, max_length=100, pattern=NO_NUL,
                           description="the customer's person who signed")


class InstallationPublic(BaseModel):
    installation_no: str
    order_no: str
    company_id: str
    customer_code: str
    site: str
    scheduled_on: date
    status: InstallationStatus
    done_at: datetime | None = None
    done_by: str | None = None
    report: str = ""
    signed_off_by: str | None = None
    signed_off_at: datetime | None = None
    recorded_by: str | None = None


SALES_METHODS = [
    command("record_installation_terms", order_no=BusinessNo, terms=InstallationTerms,
            reply=InstallationProjectPublic, refuses=(NotFound, Conflict),
            doc="AFS-3: the contract includes installation on site. Conflict if recorded"),
    command("confirm_site_readiness", order_no=BusinessNo, readiness=SiteReadiness,
            reply=InstallationProjectPublic, refuses=(NotFound, Conflict),
            doc="AFS-3: the customer's project is ready on a date; after-sales schedules "
                "the installation. Conflict without installation terms or once confirmed"),
]

AFTERSALES_METHODS = [
    query("list_installations", order_no=(BusinessNo | None, None),
          status=(InstallationStatus | None, None), limit=(PageLimit, 100),
          reply=list[InstallationPublic], doc="AFS-3: of the actor's companies, soonest first"),
    command("complete_installation", installation_no=BusinessNo, done=InstallationDone,
            reply=InstallationPublic, refuses=(NotFound, Conflict),
            doc="AFS-3: installed and commissioned. Conflict unless scheduled"),
    command("sign_off_installation", installation_no=BusinessNo, sign_off=InstallationSignOff,
            reply=InstallationPublic, refuses=(NotFound, Conflict),
            doc="AFS-3: the customer's sign-off, who and when. Conflict unless done"),
]
