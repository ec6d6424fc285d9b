"""Sales: customer orders."""

from __future__ import annotations

from contracts.rpc.sales import OrderCreate, OrderPublic
from fastapi import APIRouter, status

from gateway.api.deps import ServicesDep
from gateway.core.telemetry import tag_order

router = APIRouter(prefix="/sales", tags=["sales"])


@router.post("/orders", status_code=status.HTTP_201_CREATED, response_model=OrderPublic)
async def create_order(order: OrderCreate, services: ServicesDep) -> dict:
    """Record a customer order with its lines (SAL-1)."""
    created = await services.call("sales", "receive_order", order.model_dump(mode="json"))
    tag_order(created["order_no"])
    return created


@router.get("/orders/{order_no}", response_model=OrderPublic)
async def read_order(order_no: str, services: ServicesDep) -> dict:
    """One order as sales recorded it."""
    tag_order(order_no)
    return await services.call("sales", "get_order", order_no)
