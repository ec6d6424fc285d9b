"""Logistics' RPC payloads."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field


class _Command(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ShipmentCreate(_Command):
    """Prepare a shipment of an order's stocked goods (LOG-2, LOG-3)."""

    planned_ship_at: datetime | None = None
    destination: str = Field(default="", max_length=300)


class DispatchCreate(_Command):
    carrier: str = Field(min_length=1, max_length=100, description="company vehicle or carrier")
    vehicle_no: str = Field(default="", max_length=32)
    expected_arrival: datetime | None = None


class DeliveryConfirm(_Command):
    received_by: str = Field(min_length=1, max_length=100)
    receipt_no: str = Field(min_length=1, max_length=64)
    damaged: bool = False


class ShipmentPublic(BaseModel):
    shipment_no: str
    order_no: str
    company_id: str
    customer_code: str
    destination: str
    status: str = Field(description="prepared | dispatched | delivered")
    payment_cleared: bool
    carrier: str | None = None
    vehicle_no: str | None = None
    prepared_at: datetime
    dispatched_at: datetime | None = None
    delivered_at: datetime | None = None
    received_by: str | None = None
    receipt_no: str | None = None
    # Added by logistics (optional): the notice's lines (LOG-3), planned time, ETA, damage.
    lines: list[dict] = Field(default_factory=list, description="[{product_code, quantity}]")
    planned_ship_at: datetime | None = None
    expected_arrival: datetime | None = None
    damaged: bool = False


class FinishedGoodsPublic(BaseModel):
    order_no: str
    company_id: str
    stock_entry_no: str
    stocked_at: datetime
    lines: list[dict]
    status: str = Field(description="in_stock | shipped")
