"""Events produced by after-sales."""

from __future__ import annotations

from pydantic import AwareDatetime

from contracts.envelope import Payload


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
