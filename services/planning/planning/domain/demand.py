"""Planning's view of an order: the demand it must plan for."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal


@dataclass(frozen=True)
class DemandLine:
    line_no: int
    product_code: str
    quantity: Decimal
    requested_date: date


@dataclass(frozen=True)
class Demand:
    order_no: str
    company_id: str
    customer_grade: str
    recorded_at: datetime
    lines: tuple[DemandLine, ...]

    @property
    def earliest_requested_date(self) -> date:
        return min(line.requested_date for line in self.lines)
