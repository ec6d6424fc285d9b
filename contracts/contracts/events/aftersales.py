"""Events produced by after-sales, and the words its requests are described in."""

from __future__ import annotations

from enum import StrEnum

from pydantic import AwareDatetime, Field

from contracts.envelope import Payload


class RequestKind(StrEnum):
    """What a customer's service request is about (AFS-3, AFS-4, LOG-6)."""

    INSTALLATION = "installation"
    REPAIR = "repair"
    REPLACEMENT = "replacement"
    PARTS = "parts"
    DAMAGE = "damage"
    QUALITY = "quality"
    OTHER = "other"


class RequestStatus(StrEnum):
    """Where a service request stands: recorded (AFS-1) → forwarded → contacted (AFS-2)
    → resolved (AFS-4)."""

    RECORDED = "recorded"
    FORWARDED = "forwarded"
    CONTACTED = "contacted"
    RESOLVED = "resolved"


class ServiceRequested(Payload):
    """A customer's service / quality-feedback request was recorded (AFS-1)."""

    request_no: str
    order_no: str
    kind: str
    description: str
    recorded_at: AwareDatetime


class ServiceResolved(Payload):
    """After-sales resolved a request (AFS-4)."""

    request_no: str
    order_no: str
    remedy: str
    resolved_at: AwareDatetime


class QualityComplaintRaised(Payload):
    """A customer's request is quality feedback: quality opens or joins an NCR (AFS-4)."""

    request_no: str
    order_no: str
    description: str
    raised_by: str


class ReplacementRequested(Payload):
    """The remedy is a replacement (or parts): logistics ships it (AFS-4)."""

    request_no: str
    order_no: str
    customer_code: str
    remedy: str
    lines: list[dict] = Field(min_length=1, description="[{product_code, quantity}]")
