"""Events produced by sales."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from pydantic import Field

from contracts.envelope import Payload


class OrderLine(Payload):
    line_no: int = Field(ge=1)
    product_code: str = Field(min_length=1, max_length=64)
    spec: str = Field(default="", max_length=200)
    quantity: Decimal = Field(gt=0)
    requested_date: date


class OrderReceived(Payload):
    """Sales recorded a customer order (SAL-1)."""

    order_no: str
    customer_code: str
    customer_grade: str = Field(pattern=r"^[ABC]$")
    lines: list[OrderLine] = Field(min_length=1)
