"""Events of installation and commissioning on the customer's site (AFS-3)."""

from __future__ import annotations

from datetime import date

from pydantic import AwareDatetime, Field

from contracts.envelope import Payload


class SiteReady(Payload):
    """Sales confirmed the customer's project is ready for installation (AFS-3): after-sales
    schedules the installation for that date."""

    order_no: str
    customer_code: str
    site: str = Field(description="where the equipment is installed")
    ready_on: date = Field(description="the date the customer's project is ready")
    confirmed_by: str
    confirmed_at: AwareDatetime
