"""Logistics: finished goods, shipments, dispatch and delivery (LOG-1..6)."""

from __future__ import annotations

from fastapi import APIRouter, Query, status
from pydantic import Field

from contracts.rpc.logistics import (
    DeliveryConfirm,
    DispatchCreate,
    FinishedGoodsPublic,
    ShipmentCreate,
    ShipmentPublic,
)
from gateway.api.deps import ActorDep, ServicesDep, require_roles
from gateway.core.telemetry import tag_order

router = APIRouter(prefix="/logistics", tags=["logistics"],
                   dependencies=[require_roles("logistics", "group_general_manager")])


class ShipmentRequest(ShipmentCreate):
    """Prepare a shipment of one order's stocked goods (LOG-2, LOG-3)."""

    order_no: str = Field(min_length=1, max_length=64)

    def shipment(self) -> dict:
        return self.model_dump(mode="json", exclude={"order_no"})


@router.get("/finished-goods", response_model=list[FinishedGoodsPublic])
async def list_finished_goods(actor: ActorDep, services: ServicesDep,
                              status: str | None = Query(default=None, max_length=32)) -> list:
    """Finished goods in stock (or shipped) for your companies' orders."""
    return await services.call("logistics", "list_finished_goods", actor, status)


@router.post("/shipments", status_code=status.HTTP_201_CREATED, response_model=ShipmentPublic)
async def prepare_shipment(request: ShipmentRequest, actor: ActorDep,
                           services: ServicesDep) -> dict:
    """Prepare a shipment of an order's stocked goods (LOG-2/3)."""
    tag_order(request.order_no)
    return await services.call("logistics", "prepare_shipment", actor, request.order_no,
                               request.shipment())


@router.get("/shipments", response_model=list[ShipmentPublic])
async def list_shipments(actor: ActorDep, services: ServicesDep,
                         order_no: str | None = Query(default=None, max_length=64),
                         status: str | None = Query(default=None, max_length=32)) -> list:
    """Shipments of your companies, optionally for one order or by status."""
    return await services.call("logistics", "list_shipments", actor, order_no, status)


@router.post("/shipments/{shipment_no}/dispatch", response_model=ShipmentPublic)
async def dispatch_shipment(shipment_no: str, dispatch: DispatchCreate, actor: ActorDep,
                            services: ServicesDep) -> dict:
    """Dispatch a shipment; refused until sales has confirmed payment (LOG-2)."""
    return await services.call("logistics", "dispatch_shipment", actor, shipment_no,
                               dispatch.model_dump(mode="json"))


@router.post("/shipments/{shipment_no}/delivery", response_model=ShipmentPublic)
async def confirm_delivery(shipment_no: str, delivery: DeliveryConfirm, actor: ActorDep,
                           services: ServicesDep) -> dict:
    """Record the customer's delivery receipt (LOG-6)."""
    return await services.call("logistics", "confirm_delivery", actor, shipment_no,
                               delivery.model_dump(mode="json"))
