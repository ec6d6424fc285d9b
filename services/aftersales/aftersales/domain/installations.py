"""Installation and commissioning on the customer's site (AFS-3), pure.

    scheduled (for the date sales confirmed the project ready) ──(done by after-sales)──►
    done ──(signed off by the customer: who and when)──► signed_off
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from aftersales.domain.errors import InstallationRefused

SCHEDULED = "scheduled"
DONE = "done"
SIGNED_OFF = "signed_off"


@dataclass
class Installation:
    installation_no: str
    order_no: str
    company_id: str
    customer_code: str
    site: str
    scheduled_on: date
    scheduled_at: datetime
    status: str = SCHEDULED
    done_at: datetime | None = None
    done_by: str | None = None
    report: str = ""
    signed_off_by: str | None = None
    signed_off_at: datetime | None = None
    recorded_by: str | None = None  # who in after-sales recorded the customer's sign-off

    def complete(self, report: str, *, at: datetime, by: str) -> None:
        self._must_be(SCHEDULED, "done")
        self.status, self.report, self.done_at, self.done_by = DONE, report, at, by

    def sign_off(self, signed_by: str, *, at: datetime, by: str) -> None:
        self._must_be(DONE, "signed off")
        self.status, self.signed_off_by, self.signed_off_at, self.recorded_by = (
            SIGNED_OFF, signed_by, at, by)

    def _must_be(self, status: str, act: str) -> None:
        if self.status != status:
            raise InstallationRefused(
                f"installation {self.installation_no} is {self.status}: only a {status} "
                f"one is {act} (AFS-3)", {"installation_no": self.installation_no,
                                          "status": self.status})
