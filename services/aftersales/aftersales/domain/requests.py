"""Service requests (用户服务/质量信息反馈单) and their path through after-sales.

recorded (AFS-1, by sales) → forwarded to after-sales (AFS-1: within 60 working
minutes) → customer contacted (AFS-2: within 2 working hours of receiving it)
→ resolved with a remedy (AFS-4). Steps happen in that order, once each.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from aftersales.domain.errors import NotDelivered, RequestRejected, StepOutOfOrder
from contracts.events.aftersales import RequestKind, RequestStatus
from servicekit.timelimits import X1_TIME_LIMITS

# Plain strings, as stored; the contract's enums are the one list of them.
STATUSES = tuple(status.value for status in RequestStatus)
RECORDED, FORWARDED, CONTACTED, RESOLVED = STATUSES
KINDS = tuple(kind.value for kind in RequestKind)

FORWARD_LIMIT = X1_TIME_LIMITS["AFS-1.forward"]   # rule AFS-1: 60 working minutes
CONTACT_LIMIT = X1_TIME_LIMITS["AFS-2.contact"]   # rule AFS-2: 2 working hours


@dataclass(frozen=True)
class Delivery:
    """A delivery logistics confirmed (LOG-6): what after-sales may serve."""

    shipment_no: str
    order_no: str
    company_id: str
    customer_code: str
    delivered_at: datetime
    damaged: bool = False


@dataclass
class ServiceRequest:
    request_no: str
    order_no: str
    company_id: str
    customer_code: str
    kind: str
    description: str
    recorded_at: datetime
    recorded_by: str
    status: str = RECORDED
    forwarded_at: datetime | None = None
    forwarded_by: str | None = None
    contacted_at: datetime | None = None
    contacted_by: str | None = None
    contact_notes: str | None = None
    resolved_at: datetime | None = None
    resolved_by: str | None = None
    remedy: str | None = None

    def forward(self, *, by: str, at: datetime) -> None:
        """AFS-1: sales passes the request to after-sales."""
        self._step(RECORDED, "forwarded")
        self.status, self.forwarded_at, self.forwarded_by = FORWARDED, _aware(at), by

    def record_contact(self, *, notes: str, by: str, at: datetime) -> None:
        """AFS-2: after-sales has spoken to the customer."""
        self._step(FORWARDED, "contacted")
        if not notes.strip():
            raise RequestRejected("contact notes are required (AFS-2)")
        self.status, self.contacted_at, self.contacted_by = CONTACTED, _aware(at), by
        self.contact_notes = notes

    def resolve(self, *, remedy: str, by: str, at: datetime) -> None:
        """AFS-4: the remedy (repair, replacement, parts…) is done."""
        self._step(CONTACTED, "resolved")
        if not remedy.strip():
            raise RequestRejected("the remedy is required (AFS-4)")
        self.status, self.resolved_at, self.resolved_by = RESOLVED, _aware(at), by
        self.remedy = remedy

    def _step(self, expected: str, action: str) -> None:
        if self.status != expected:
            raise StepOutOfOrder(f"request {self.request_no} is {self.status}; it can be "
                                 f"{action} only when {expected}",
                                 {"request_no": self.request_no, "status": self.status})


def first_delivery(order_no: str, deliveries: list[Delivery]) -> Delivery:
    """AFS-1: the order's first delivery, which the request is about; none → NotDelivered."""
    if not deliveries:
        raise NotDelivered(f"order {order_no} has not been delivered; a service request "
                           "needs a delivered order (AFS-1)", {"order_no": order_no})
    return min(deliveries, key=lambda d: d.delivered_at)


def open_request(*, request_no: str, delivery: Delivery, kind: str, description: str,
                 recorded_by: str, at: datetime) -> ServiceRequest:
    """AFS-1: record a customer's request about a delivered order (its `first_delivery`)."""
    if kind not in KINDS:
        raise RequestRejected(f"kind must be one of {', '.join(KINDS)}")
    return ServiceRequest(
        request_no=request_no, order_no=delivery.order_no, company_id=delivery.company_id,
        customer_code=delivery.customer_code, kind=str(kind), description=description,
        recorded_at=_aware(at), recorded_by=recorded_by,
    )


def damage_is_handled(requests: list[ServiceRequest]) -> bool:
    """AFS-4/LOG-6: a delivery received damaged is being handled once a damage request exists."""
    return any(r.kind == RequestKind.DAMAGE for r in requests)


def deadline_subject(request_no: str) -> str:
    """The subject AFS-1 and AFS-2 deadlines are tracked under (X-1)."""
    return f"request {request_no}"


def _aware(at: datetime) -> datetime:
    if at.tzinfo is None:
        raise RequestRejected("times must be timezone-aware")
    return at
