"""Logistics: finished goods, shipments, dispatch and delivery (LOG-1..6)."""

from __future__ import annotations

from fastapi import APIRouter, status

from contracts.rpc.common import BusinessNo
from contracts.rpc.logistics import (
    API,
    DeliveryConfirm,
    DispatchCreate,
    FinishedGoodsPublic,
    ShipmentCreate,
    ShipmentPublic,
    ShipmentStatus,
    StockStatus,
)
from gateway.api.deps import ActorDep, PageLimitQuery, ServicesDep, require_roles
from gateway.api.openapi import refusals
from gateway.core.telemetry import tag_order

router = APIRouter(prefix="/logistics", tags=["logistics"],
                   dependencies=[require_roles("logistics", "group_general_manager")])


class ShipmentRequest(ShipmentCreate):
    """Prepare a shipment of one order's stocked goods (LOG-2, LOG-3)."""

    order_no: BusinessNo

    def shipment(self) -> ShipmentCreate:
        return ShipmentCreate.model_validate(self.model_dump(exclude={"order_no"}))


@router.get("/finished-goods", response_model=list[FinishedGoodsPublic],
            responses=refusals(API["list_finished_goods"]))
async def list_finished_goods(actor: ActorDep, services: ServicesDep,
                              status: StockStatus | None = None,
                              limit: PageLimitQuery = 100
                              ) -> list[FinishedGoodsPublic]:
    """Finished goods in stock (or shipped) for your companies' orders, newest first."""
    return await services.logistics.list_finished_goods(actor, status, limit)


@router.post("/shipments", status_code=status.HTTP_201_CREATED, response_model=ShipmentPublic,
             responses=refusals(API["prepare_shipment"]))
async def prepare_shipment(request: ShipmentRequest, actor: ActorDep,
                           services: ServicesDep) -> ShipmentPublic:
    """Prepare a shipment of an order's stocked goods, picking checked (LOG-2/3)."""
    tag_order(request.order_no)
    return await services.logistics.prepare_shipment(actor, request.order_no,
                                                     request.shipment())


@router.get("/shipments", response_model=list[ShipmentPublic],
            responses=refusals(API["list_shipments"]))
async def list_shipments(actor: ActorDep, services: ServicesDep,
                         order_no: BusinessNo | None = None,
                         status: ShipmentStatus | None = None,
                         limit: PageLimitQuery = 100
                         ) -> list[ShipmentPublic]:
    """Shipments of your companies, newest first, optionally for one order or by status."""
    return await services.logistics.list_shipments(actor, order_no, status, limit)


@router.post("/shipments/{shipment_no}/dispatch", response_model=ShipmentPublic,
             responses=refusals(API["dispatch_shipment"]))
async def dispatch_shipment(shipment_no: BusinessNo, dispatch: DispatchCreate,
                            actor: ActorDep, services: ServicesDep) -> ShipmentPublic:
    """Dispatch a shipment; refused until sales has confirmed payment (LOG-2, LOG-4)."""
    return await services.logistics.dispatch_shipment(actor, shipment_no, dispatch)


@router.post("/shipments/{shipment_no}/delivery", response_model=ShipmentPublic,
             responses=refusals(API["confirm_delivery"]))
async def confirm_delivery(shipment_no: BusinessNo, delivery: DeliveryConfirm,
                           actor: ActorDep, services: ServicesDep) -> ShipmentPublic:
    """Record the customer's delivery receipt; damage goes to aftersales (LOG-6)."""
    return await services.logistics.confirm_delivery(actor, shipment_no, delivery)
