"""Planning's RPC payloads."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from pydantic import BaseModel


class DemandLinePublic(BaseModel):
    line_no: int
    product_code: str
    quantity: Decimal
    requested_date: date


class DemandPublic(BaseModel):
    """An order as planning knows it: the demand it must plan for."""

    order_no: str
    company_id: str
    customer_grade: str
    recorded_at: datetime
    lines: list[DemandLinePublic]
