"""Procurement's RPC payloads."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from pydantic import BaseModel, ConfigDict, Field


class ReceiptCreate(BaseModel):
    """Goods arrived against a PO (PRC-6); they wait for IQC before going into store."""

    model_config = ConfigDict(extra="forbid")

    quantity: Decimal = Field(gt=0, max_digits=12, decimal_places=3)
    delivery_note_quantity: Decimal = Field(gt=0, max_digits=12, decimal_places=3)
    delivery_note_no: str = Field(default="", max_length=64)


class LotPublic(BaseModel):
    lot_no: str
    quantity: Decimal
    status: str = Field(description="awaiting_inspection | accepted | rejected_returned")
    received_at: datetime
    replacement_for: str | None = None


class PurchaseOrderPublic(BaseModel):
    po_no: str
    company_id: str
    order_no: str
    request_no: str
    material_code: str
    quantity: Decimal
    supplier_code: str
    unit_price: Decimal
    confirmed_date: date
    status: str = Field(description="placed | awaiting_replacement | received | closed")
    lots: list[LotPublic] = Field(default_factory=list)


class StockPublic(BaseModel):
    company_id: str
    material_code: str
    on_hand: Decimal
    reserved: Decimal
