"""Replacement shipments (AFS-4): what after-sales' remedy sends the customer again.

planned (after-sales asked) ──(dispatched with a carrier)──► dispatched

Kept apart from the order's own shipping notices: a replacement is the company's remedy,
so LOG-2's payment gate does not hold it back, and it ships once.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from logistics.domain.errors import ShippingRefused

PLANNED, DISPATCHED = "planned", "dispatched"


@dataclass
class ReplacementShipment:
    shipment_no: str
    request_no: str
    order_no: str
    company_id: str
    customer_code: str
    remedy: str
    planned_at: datetime
    lines: list[dict] = field(default_factory=list)
    status: str = PLANNED
    carrier: str | None = None
    vehicle_no: str | None = None
    dispatched_at: datetime | None = None
    dispatched_by: str | None = None

    def dispatch(self, *, carrier: str, vehicle_no: str, by: str, at: datetime) -> None:
        if self.status != PLANNED:
            raise ShippingRefused(f"replacement {self.shipment_no} is already {self.status}",
                                  {"shipment_no": self.shipment_no, "status": self.status})
        self.status, self.carrier, self.vehicle_no = DISPATCHED, carrier, vehicle_no
        self.dispatched_at, self.dispatched_by = at, by
