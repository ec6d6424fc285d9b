"""Procurement: purchase orders, goods receipts and stock (PRC-1..6)."""

from __future__ import annotations

from fastapi import APIRouter, Query, status

from contracts.rpc.procurement import PurchaseOrderPublic, ReceiptCreate, StockPublic
from gateway.api.deps import ActorDep, ServicesDep, require_roles

router = APIRouter(prefix="/procurement", tags=["procurement"])
BUYERS = [require_roles("procurement", "group_general_manager")]


@router.get("/purchase-orders", response_model=list[PurchaseOrderPublic], dependencies=BUYERS)
async def list_purchase_orders(actor: ActorDep, services: ServicesDep,
                               order_no: str | None = Query(default=None, max_length=64),
                               status: str | None = Query(default=None, max_length=32)) -> list:
    """Purchase orders of your companies, optionally for one customer order or by status."""
    return await services.call("procurement", "list_purchase_orders", actor, order_no, status)


@router.get("/purchase-orders/{po_no}", response_model=PurchaseOrderPublic, dependencies=BUYERS)
async def read_purchase_order(po_no: str, actor: ActorDep, services: ServicesDep) -> dict:
    """One purchase order with its lots."""
    return await services.call("procurement", "get_purchase_order", actor, po_no)


@router.post("/purchase-orders/{po_no}/receipts", status_code=status.HTTP_201_CREATED,
             response_model=PurchaseOrderPublic, dependencies=BUYERS)
async def receive_goods(po_no: str, receipt: ReceiptCreate, actor: ActorDep,
                        services: ServicesDep) -> dict:
    """Record goods arriving against a PO; they wait for incoming inspection (PRC-6)."""
    return await services.call("procurement", "receive_goods", actor, po_no,
                               receipt.model_dump(mode="json"))


@router.get("/stock", response_model=list[StockPublic],
            dependencies=[require_roles("procurement", "planning", "group_general_manager")])
async def list_stock(actor: ActorDep, services: ServicesDep,
                     material_code: str | None = Query(default=None, max_length=64)) -> list:
    """Material stock across the group (CO-2, PRC-1), optionally for one material."""
    return await services.call("procurement", "list_stock", actor, material_code)
