"""One stage of an order's journey (X-3), as every service's views.py builds it."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

from contracts.rpc.common import JourneyStage


def stage(department: str, name: str, state: str, started_at: datetime, *,
          ended_at: datetime | None = None, actor: str | None = None,
          refs: Mapping[str, object] | None = None, summary: str = "") -> JourneyStage:
    """A stage with its business numbers (X-4) as text; refs without a value are left out."""
    return JourneyStage(
        stage=name, department=department, state=state, started_at=started_at,
        ended_at=ended_at, actor=actor,
        refs={key: str(value) for key, value in (refs or {}).items() if value is not None},
        summary=summary)
