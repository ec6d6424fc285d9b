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


class SupplierLead(Payload):
    material_code: str
    lead_days: int


class SupplierChanged(Payload):
    """A supplier was created, changed or retired (issue 17): its standing on the approved
    list (PRC-2) and the lead times of what it supplies, for the services keeping a copy
    (planning's material lead times, PLN-2)."""

    supplier_code: str
    approved: bool
    retired: bool = False
    leads: list[SupplierLead] = Field(default_factory=list)


class StockLevelChanged(Payload):
    """One company's holding of one material after a change (PRC-1/3/6, CO-2): planning keeps
    a copy to promise from stock group-wide (PLN-2) without reading procurement's tables."""

    company_id: str
    material_code: str
    on_hand: Decimal
    available: Decimal


class MaterialDelayed(Payload):
    """A supplier's slip whose remedy cannot hold (PRC-7): the material arrives only on the
    new date, so planning re-dates the order's work orders that need it."""

    po_no: str
    request_no: str
    order_no: str
    material_code: str
    new_material_date: date
    remedy: str
    reported_by: str = ""
