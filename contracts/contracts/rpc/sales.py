"""Sales' RPC payloads."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from pydantic import BaseModel, ConfigDict, Field


class OrderLineCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    product_code: str = Field(min_length=1, max_length=64)
    spec: str = Field(default="", max_length=200)
    quantity: Decimal = Field(gt=0, max_digits=12, decimal_places=3)
    requested_date: date


class OrderCreate(BaseModel):
    """A customer order as recorded by sales (SAL-1)."""

    model_config = ConfigDict(extra="forbid")

    company_id: str = Field(min_length=1, max_length=32)
    customer_code: str = Field(min_length=1, max_length=64)
    customer_grade: str = Field(pattern=r"^[ABC]$")
    lines: list[OrderLineCreate] = Field(min_length=1, max_length=200)


class OrderLinePublic(OrderLineCreate):
    line_no: int


class OrderPublic(BaseModel):
    order_no: str
    company_id: str
    customer_code: str
    customer_grade: str
    status: str
    received_at: datetime
    lines: list[OrderLinePublic]
