"""Events produced by procurement (stock, purchase orders, receipts)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from enum import StrEnum

from pydantic import Field

from contracts.envelope import Payload


class SupplySource(StrEnum):
    STOCK = "stock"          # PRC-1: matched against own stock
    TRANSFER = "transfer"    # PRC-3: a sister company's stock
    PURCHASE = "purchase"    # PRC-2: bought, inspected, stored


class MaterialAvailable(Payload):
    """A material request is covered by stock in store (after IQC where bought)."""

    request_no: str
    order_no: str
    material_code: str
    quantity: Decimal
    source: SupplySource


class PurchaseOrdered(Payload):
    """A purchase order was placed with an approved supplier (PRC-2)."""

    po_no: str
    request_no: str
    order_no: str
    material_code: str
    quantity: Decimal
    supplier_code: str
    confirmed_date: date


class GoodsReceived(Payload):
    """A delivery arrived and awaits incoming inspection (PRC-6, QLT-1)."""

    lot_no: str
    po_no: str
    order_no: str
    material_code: str
    supplier_code: str
    quantity: Decimal = Field(gt=0)
    delivery_note_quantity: Decimal = Field(gt=0)
    replacement_for: str | None = Field(default=None, description="the rejected lot it replaces")
