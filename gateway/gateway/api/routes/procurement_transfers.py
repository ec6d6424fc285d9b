"""Procurement's transfers between the group's companies (调拨单, PRC-3): requested for the
needing company, shipped by the holder's buyer, received and inspected by the receiver's
buyer or QC; stock moves on receipt."""

from __future__ import annotations

from fastapi import APIRouter

from contracts.rpc.common import BusinessNo
from contracts.rpc.procurement import API
from contracts.rpc.transfers import (
    TransferPublic,
    TransferReceipt,
    TransferShipment,
    TransferStatus,
)
from gateway.api.deps import (
    ActorDep,
    PageAfterQuery,
    PageLimitQuery,
    ServicesDep,
    require_roles,
)
from gateway.api.openapi import refusals
from gateway.api.routes.procurement import BUYERS

router = APIRouter(prefix="/procurement/transfers", tags=["procurement"])
RECEIVERS = [require_roles("procurement", "quality", "group_general_manager")]


@router.get("", response_model=list[TransferPublic], dependencies=RECEIVERS,
            responses=refusals(API["list_transfers"]))
async def list_transfers(actor: ActorDep, services: ServicesDep,
                         status: TransferStatus | None = None,
                         order_no: BusinessNo | None = None, limit: PageLimitQuery = 100,
                         after: PageAfterQuery = None) -> list[TransferPublic]:
    """Transfers your companies hold or receive, newest first, a page after `after` (PRC-3)."""
    return await services.procurement.list_transfers(actor, status, order_no, limit, after)


@router.get("/{transfer_no}", response_model=TransferPublic, dependencies=RECEIVERS,
            responses=refusals(API["get_transfer"]))
async def read_transfer(transfer_no: BusinessNo, actor: ActorDep,
                        services: ServicesDep) -> TransferPublic:
    """One transfer, to its holder and its receiver (PRC-3)."""
    return await services.procurement.get_transfer(actor, transfer_no)


@router.post("/{transfer_no}/shipment", response_model=TransferPublic, dependencies=BUYERS,
             responses=refusals(API["ship_transfer"]))
async def ship_transfer(transfer_no: BusinessNo, shipment: TransferShipment, actor: ActorDep,
                        services: ServicesDep) -> TransferPublic:
    """Ship a transfer from your store; it stays reserved there until received (PRC-3)."""
    return await services.procurement.ship_transfer(actor, transfer_no, shipment)


@router.post("/{transfer_no}/receipt", response_model=TransferPublic, dependencies=RECEIVERS,
             responses=refusals(API["receive_transfer"]))
async def receive_transfer(transfer_no: BusinessNo, receipt: TransferReceipt, actor: ActorDep,
                           services: ServicesDep) -> TransferPublic:
    """Receive and inspect a transfer; the stock moves into your store (PRC-3)."""
    return await services.procurement.receive_transfer(actor, transfer_no, receipt)
