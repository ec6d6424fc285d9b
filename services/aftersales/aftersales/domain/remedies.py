"""Remedies linked to their cause (AFS-4).

Once the customer was contacted (AFS-2) after-sales chooses the remedy: a repair, a
replacement or parts. A replacement or parts ship through logistics (its replacement
shipment is linked back here); a quality request, or any the service engineer marks as
quality feedback, goes to quality, which opens or joins an NCR (linked back here too).
Damage in transit is logistics' carrier claim (LOG-6), not a remedy of this module.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from aftersales.domain.errors import StepOutOfOrder
from aftersales.domain.requests import CONTACTED, ServiceRequest
from contracts.events.aftersales import RequestKind

SHIPPING_KINDS = ("replacement", "parts")


@dataclass
class Remedy:
    request_no: str
    order_no: str
    company_id: str
    customer_code: str
    kind: str
    notes: str
    planned_at: datetime
    planned_by: str
    quality_feedback: bool
    lines: list[dict] = field(default_factory=list)
    ncr_no: str | None = None
    replacement_shipment_no: str | None = None

    @property
    def ships(self) -> bool:
        return self.kind in SHIPPING_KINDS


def plan(request: ServiceRequest, existing: Remedy | None, *, kind: str, notes: str,
         lines: list[dict], quality_feedback: bool, by: str, at: datetime) -> Remedy:
    """AFS-4: one remedy per request, chosen after the customer was contacted and before
    the request is resolved; a quality request always goes to quality."""
    if existing is not None:
        raise StepOutOfOrder(f"request {request.request_no} already has its remedy: "
                             f"{existing.kind}", {"request_no": request.request_no})
    if request.status != CONTACTED:
        raise StepOutOfOrder(f"request {request.request_no} is {request.status}; a remedy is "
                             "chosen once the customer was contacted (AFS-2) and before it is "
                             "resolved", {"request_no": request.request_no,
                                          "status": request.status})
    return Remedy(request_no=request.request_no, order_no=request.order_no,
                  company_id=request.company_id, customer_code=request.customer_code,
                  kind=str(kind), notes=notes, planned_at=at, planned_by=by,
                  quality_feedback=quality_feedback or request.kind == RequestKind.QUALITY,
                  lines=lines)
