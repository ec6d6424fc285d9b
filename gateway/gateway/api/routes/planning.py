"""Planning: the demand planning works from."""

from __future__ import annotations

from contracts.rpc.planning import DemandPublic
from fastapi import APIRouter

from gateway.api.deps import ServicesDep
from gateway.core.telemetry import tag_order

router = APIRouter(prefix="/planning", tags=["planning"])


@router.get("/demands/{order_no}", response_model=DemandPublic)
async def read_demand(order_no: str, services: ServicesDep) -> dict:
    """An order as planning knows it (recorded from sales' event)."""
    tag_order(order_no)
    return await services.call("planning", "get_demand", order_no)
