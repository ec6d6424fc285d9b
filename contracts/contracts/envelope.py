"""The envelope every integration event travels in."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field

EVENT_TYPE_PATTERN = r"^[a-z]+\.[a-z][a-z_]*$"  # <service>.<past_tense_fact>


class Payload(BaseModel):
    """Base of every event payload: immutable, strict about unknown fields."""

    model_config = ConfigDict(frozen=True, extra="forbid")


class EventEnvelope(BaseModel):
    """Metadata common to all events; `payload` is validated against the catalog."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    event_id: uuid.UUID
    event_type: str = Field(pattern=EVENT_TYPE_PATTERN)
    schema_version: int = Field(ge=1)
    occurred_at: AwareDatetime
    company_id: str = Field(min_length=1, max_length=32)
    # The correlation key of an order's journey, where the event has one.
    order_no: str | None = Field(default=None, max_length=64)
    payload: dict[str, Any]

    @property
    def producer(self) -> str:
        return self.event_type.split(".", 1)[0]


def new_envelope(
    event_type: str,
    payload: Payload,
    *,
    company_id: str,
    order_no: str | None = None,
    schema_version: int = 1,
    occurred_at: datetime | None = None,
) -> EventEnvelope:
    return EventEnvelope(
        event_id=uuid.uuid4(),
        event_type=event_type,
        schema_version=schema_version,
        occurred_at=occurred_at or datetime.now(UTC),
        company_id=company_id,
        order_no=order_no,
        payload=payload.model_dump(mode="json"),
    )
