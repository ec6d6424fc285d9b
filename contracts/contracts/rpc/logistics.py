"""Logistics' RPC payloads: commands from the gateway, the views it reads, the method table."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from enum import StrEnum

from pydantic import BaseModel, Field

from contracts.errors import Conflict, InvalidRequest, NotFound
from contracts.rpc.api import ServiceApi, command, query
from contracts.rpc.bounds import NO_NUL, SOME_NO_NUL, BoundedMoment
from contracts.rpc.common import BusinessNo, PageLimit, StrictPayload

# How near now a plan or an ETA must be is logistics' rule (logistics.domain.model.
# check_plausible); the edge only bounds the moment.
ShippingTime = BoundedMoment


class ShipmentStatus(StrEnum):
    """A shipping notice's life (LOG-2..6)."""

    PREPARED = "prepared"
    DISPATCHED = "dispatched"
    DELIVERED = "delivered"


class StockStatus(StrEnum):
    """A finished-goods stock entry (PLN-12): in the store, or gone with a shipment."""

    IN_STOCK = "in_stock"
    SHIPPED = "shipped"


class ShipmentCreate(StrictPayload):
    """Prepare a shipment of an order's stocked goods (LOG-2, LOG-3)."""

    planned_ship_at: ShippingTime | None = Field(
        default=None, description="when the goods are to leave; opens LOG-4's same-day report")
    destination: str = Field(default="", max_length=300, pattern=NO_NUL,
                             description="empty: the order's delivery address")


class DispatchCreate(StrictPayload):
    carrier: str = Field(min_length=1, max_length=100, pattern=SOME_NO_NUL,
                         description="company vehicle or contracted carrier code (LOG-4)")
    vehicle_no: str = Field(default="", max_length=32, pattern=NO_NUL)
    expected_arrival: ShippingTime | None = None


class DeliveryConfirm(StrictPayload):
    received_by: str = Field(min_length=1, max_length=100, pattern=SOME_NO_NUL)
    receipt_no: str = Field(min_length=1, max_length=64, pattern=SOME_NO_NUL)
    damaged: bool = Field(default=False, description="received damaged: aftersales (AFS-4)")


class GoodsLinePublic(BaseModel):
    """A product and its quantity, as shipped or stocked (LOG-3)."""

    product_code: str
    quantity: Decimal


class ShipmentPublic(BaseModel):
    shipment_no: str
    order_no: str
    company_id: str
    customer_code: str
    destination: str
    status: ShipmentStatus
    payment_cleared: bool = Field(description="logistics' copy of sales' clearance (LOG-2)")
    carrier: str | None = None
    vehicle_no: str | None = None
    prepared_at: datetime
    dispatched_at: datetime | None = None
    delivered_at: datetime | None = None
    received_by: str | None = None
    receipt_no: str | None = None
    lines: list[GoodsLinePublic] = Field(default_factory=list,
                                         description="the notice's lines (LOG-3)")
    planned_ship_at: datetime | None = None
    expected_arrival: datetime | None = None
    damaged: bool = False


class FinishedGoodsPublic(BaseModel):
    order_no: str
    company_id: str
    stock_entry_no: str
    stocked_at: datetime
    lines: list[GoodsLinePublic]
    status: StockStatus


SHIPPING_STEP = (NotFound, Conflict)
API = ServiceApi("logistics", [
    query("list_finished_goods", status=(StockStatus | None, None), limit=(PageLimit, 100),
          reply=list[FinishedGoodsPublic],
          doc="PLN-12: the finished-goods store of the actor's companies, newest first"),
    command("prepare_shipment", order_no=BusinessNo, shipment=ShipmentCreate,
            reply=ShipmentPublic, refuses=SHIPPING_STEP,
            doc="LOG-2/3: the shipping notice for stocked goods, picking checked; a planned "
                "ship time opens LOG-4"),
    command("dispatch_shipment", shipment_no=BusinessNo, dispatch=DispatchCreate,
            reply=ShipmentPublic, refuses=(*SHIPPING_STEP, InvalidRequest),
            doc="LOG-2/4: refused (and recorded) until sales cleared the payment; meets LOG-4"),
    command("confirm_delivery", shipment_no=BusinessNo, delivery=DeliveryConfirm,
            reply=ShipmentPublic, refuses=SHIPPING_STEP,
            doc="LOG-6: the customer's receipt; damage goes to aftersales (AFS-4)"),
    query("list_shipments", order_no=(BusinessNo | None, None),
          status=(ShipmentStatus | None, None), limit=(PageLimit, 100),
          reply=list[ShipmentPublic], doc="newest first, of the actor's companies"),
])
