"""What quality's nonconformance records ask of planning (QLT-4).

A rework disposition becomes a rework work order of the order's company, owned by the
person quality named; a scrap disposition is recorded for the order's closing (PLN-13).
Kept apart from the scheduled plan: the rework is planned by hand from this list.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

REWORK, SCRAP = "rework", "scrap"
OPEN = "open"
PREFIX = {REWORK: "RWO", SCRAP: "SCR"}


@dataclass
class ReworkOrder:
    rework_order_no: str
    kind: str
    company_id: str
    order_no: str
    ncr_no: str
    reason: str
    created_at: datetime
    product_code: str | None = None
    quantity: Decimal | None = None
    owner: str | None = None
    status: str = OPEN

    def __post_init__(self):
        if self.kind not in PREFIX:
            raise ValueError(f"kind must be one of {tuple(PREFIX)}")
