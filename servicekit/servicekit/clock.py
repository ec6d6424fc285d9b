"""The moment a use case acts, in one place for every service."""

from __future__ import annotations

from datetime import UTC, datetime


def now(at: datetime | None = None) -> datetime:
    """`at` where the caller gives the moment (a test pins it), else the current UTC time."""
    return at or datetime.now(UTC)
