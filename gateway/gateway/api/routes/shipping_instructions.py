"""Contract & order management's shipping instruction (发货通知单, LOG-2)."""

from __future__ import annotations

from fastapi import APIRouter, status

from contracts.rpc.common import BusinessNo
from contracts.rpc.sales import API
from contracts.rpc.sales_shipping import ShippingInstructionCreate, ShippingInstructionPublic
from gateway.api.deps import ActorDep, PageLimitQuery, ServicesDep, require_roles
from gateway.api.openapi import refusals
from gateway.core.telemetry import tag_order

# Contract & order management is a sales department (合同订单管理部); shipping is not.
ISSUERS = ("contract_management", "general_manager", "group_general_manager")
router = APIRouter(prefix="/sales", tags=["sales"])


@router.post("/orders/{order_no}/shipping-instructions", status_code=status.HTTP_201_CREATED,
             response_model=ShippingInstructionPublic, dependencies=[require_roles(*ISSUERS)],
             responses=refusals(API["issue_shipping_instruction"]))
async def issue_shipping_instruction(order_no: BusinessNo,
                                     instruction: ShippingInstructionCreate, actor: ActorDep,
                                     services: ServicesDep) -> ShippingInstructionPublic:
    """Issue the shipping instruction once the contract and pre-shipment payment are in (LOG-2)."""
    tag_order(order_no)
    return await services.sales.issue_shipping_instruction(actor, order_no, instruction)


@router.get("/orders/{order_no}/shipping-instructions",
            response_model=list[ShippingInstructionPublic],
            dependencies=[require_roles("sales", *ISSUERS, "logistics")],
            responses=refusals(API["list_shipping_instructions"]))
async def list_shipping_instructions(order_no: BusinessNo, actor: ActorDep,
                                     services: ServicesDep, limit: PageLimitQuery = 100
                                     ) -> list[ShippingInstructionPublic]:
    """The shipping instructions of one order, newest first (LOG-2)."""
    tag_order(order_no)
    return await services.sales.list_shipping_instructions(actor, order_no, limit)
