"""The moment a use case acts, in one place for every service."""

from __future__ import annotations

import os
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo


def now(at: datetime | None = None) -> datetime:
    """`at` where the caller gives the moment (a test pins it), else the current UTC time."""
    return at or datetime.now(UTC)


def today(at: datetime | None = None) -> date:
    """The date of `now(at)` where the companies are (ORDERSUITE_TIMEZONE, Asia/Shanghai by
    default): what "effective from today" means for master data versions (issue 17)."""
    zone = os.environ.get("ORDERSUITE_TIMEZONE") or "Asia/Shanghai"
    return now(at).astimezone(ZoneInfo(zone)).date()
