"""An order's installation project (AFS-3), pure: the contract says the equipment is
installed and commissioned on the customer's site; sales tracks the customer's project
until it is ready, and that readiness is what after-sales schedules against."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sales.domain.errors import InstallationRefused


@dataclass
class InstallationProject:
    order_no: str
    company_id: str
    customer_code: str
    site: str
    terms_by: str
    terms_at: datetime
    ready_on: date | None = None
    readiness_by: str | None = None
    readiness_at: datetime | None = None
    readiness_note: str = ""

    def confirm_ready(self, ready_on: date, note: str, *, at: datetime, by: str) -> None:
        """The customer's project is ready on `ready_on`; confirmed once (AFS-3)."""
        if self.ready_on is not None:
            raise InstallationRefused(
                f"{self.order_no}: the site was already confirmed ready on {self.ready_on}",
                {"order_no": self.order_no})
        self.ready_on, self.readiness_note = ready_on, note
        self.readiness_by, self.readiness_at = by, at
