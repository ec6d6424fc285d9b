"""Who talks to whom: every integration event, its producer, payload and consumers.

The one place a reader learns the suite's choreography. Queues are declared
from this catalog at start-up (so no event is published before its consumer's
queue exists), and a test fails if a service dispatches or handles an event
that is not listed here.
"""

from __future__ import annotations

from dataclasses import dataclass

from pydantic import ValidationError

from contracts.envelope import EventEnvelope, Payload
from contracts.events import common, sales

SERVICES = ("sales", "planning", "procurement", "quality", "logistics", "aftersales")


@dataclass(frozen=True)
class EventSpec:
    event_type: str
    payload: type[Payload]
    consumers: tuple[str, ...]
    schema_version: int = 1
    doc: str = ""

    @property
    def producer(self) -> str:
        return self.event_type.split(".", 1)[0]


def _deadline_breaches() -> list[EventSpec]:
    # Every service tracks its own time limits. Sales keeps the customer-facing
    # picture (SAL-11), so it records every breach that touches an order.
    return [
        EventSpec(f"{svc}.deadline_breached", common.DeadlineBreached, ("sales",),
                  doc="a time limit passed unmet (X-1), escalated per X-2")
        for svc in SERVICES
    ]


CATALOG: dict[str, EventSpec] = {
    spec.event_type: spec
    for spec in [
        EventSpec("sales.order_received", sales.OrderReceived, ("planning",),
                  doc="a customer order was recorded (SAL-1)"),
        *_deadline_breaches(),
    ]
}


class UnknownEvent(LookupError):
    pass


def spec_for(event_type: str) -> EventSpec:
    try:
        return CATALOG[event_type]
    except KeyError:
        raise UnknownEvent(f"event type {event_type!r} is not in the contracts catalog") from None


def consumers_of(event_type: str) -> tuple[str, ...]:
    return spec_for(event_type).consumers


def handled_by(service: str) -> list[EventSpec]:
    return [spec for spec in CATALOG.values() if service in spec.consumers]


def validate_payload(envelope: EventEnvelope) -> Payload:
    """The typed payload of an envelope; raises ValidationError or UnknownEvent."""
    spec = spec_for(envelope.event_type)
    if envelope.schema_version != spec.schema_version:
        raise UnknownEvent(
            f"{envelope.event_type} schema version {envelope.schema_version} "
            f"is not the catalog's {spec.schema_version}"
        )
    return spec.payload.model_validate(envelope.payload)


__all__ = [
    "CATALOG", "EventSpec", "UnknownEvent", "ValidationError", "consumers_of",
    "handled_by", "spec_for", "validate_payload",
]
