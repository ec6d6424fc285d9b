"""Procurement: purchase orders, goods receipts and stock (PRC-1..6)."""

from __future__ import annotations

from fastapi import APIRouter, status

from contracts.rpc.common import BusinessNo
from contracts.rpc.procurement import (
    API,
    PurchaseOrderPublic,
    PurchaseOrderStatus,
    ReceiptCreate,
    StockPublic,
)
from gateway.api.deps import ActorDep, PageLimitQuery, ServicesDep, require_roles
from gateway.api.openapi import refusals

router = APIRouter(prefix="/procurement", tags=["procurement"])
BUYERS = [require_roles("procurement", "group_general_manager")]


@router.get("/purchase-orders", response_model=list[PurchaseOrderPublic], dependencies=BUYERS,
            responses=refusals(API["list_purchase_orders"]))
async def list_purchase_orders(actor: ActorDep, services: ServicesDep,
                               order_no: BusinessNo | None = None,
                               status: PurchaseOrderStatus | None = None,
                               limit: PageLimitQuery = 100,
                               ) -> list[PurchaseOrderPublic]:
    """Purchase orders of your companies, newest first, optionally for one order or status."""
    return await services.procurement.list_purchase_orders(actor, order_no, status, limit)


@router.get("/purchase-orders/{po_no}", response_model=PurchaseOrderPublic, dependencies=BUYERS,
            responses=refusals(API["get_purchase_order"]))
async def read_purchase_order(po_no: BusinessNo, actor: ActorDep,
                              services: ServicesDep) -> PurchaseOrderPublic:
    """One purchase order with its lots."""
    return await services.procurement.get_purchase_order(actor, po_no)


@router.post("/purchase-orders/{po_no}/receipts", status_code=status.HTTP_201_CREATED,
             response_model=PurchaseOrderPublic, dependencies=BUYERS,
             responses=refusals(API["receive_goods"]))
async def receive_goods(po_no: BusinessNo, receipt: ReceiptCreate, actor: ActorDep,
                        services: ServicesDep) -> PurchaseOrderPublic:
    """Record goods arriving against a PO; they wait for incoming inspection (PRC-6)."""
    return await services.procurement.receive_goods(actor, po_no, receipt)


@router.get("/stock", response_model=list[StockPublic],
            dependencies=[require_roles("procurement", "planning", "group_general_manager")],
            responses=refusals(API["list_stock"]))
async def list_stock(actor: ActorDep, services: ServicesDep,
                     material_code: BusinessNo | None = None,
                     limit: PageLimitQuery = 1000) -> list[StockPublic]:
    """Material stock across the group (CO-2, PRC-1), optionally for one material."""
    return await services.procurement.list_stock(actor, material_code, limit)
