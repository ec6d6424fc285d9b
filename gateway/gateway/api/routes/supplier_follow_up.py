"""Procurement's supplier follow-up: the confirmed ship date, slips, the ship-day check
(PRC-4, PRC-5, PRC-7)."""

from __future__ import annotations

from fastapi import APIRouter

from contracts.rpc.common import BusinessNo
from contracts.rpc.procurement import API
from contracts.rpc.supplier_follow_up import (
    ShipDateConfirmation,
    ShipmentCheck,
    SlipReport,
    SupplierFollowUpPublic,
)
from gateway.api.deps import ActorDep, ServicesDep
from gateway.api.openapi import refusals
from gateway.api.routes.procurement import BUYERS

router = APIRouter(prefix="/procurement/purchase-orders/{po_no}", tags=["procurement"])


@router.post("/ship-date", response_model=SupplierFollowUpPublic, dependencies=BUYERS,
             responses=refusals(API["confirm_ship_date"]))
async def confirm_ship_date(po_no: BusinessNo, confirmation: ShipDateConfirmation,
                            actor: ActorDep, services: ServicesDep) -> SupplierFollowUpPublic:
    """Record the supplier's confirmed ship date; a date after the needed-by date is a slip
    (PRC-4)."""
    return await services.procurement.confirm_ship_date(actor, po_no, confirmation)


@router.post("/slip", response_model=SupplierFollowUpPublic, dependencies=BUYERS,
             responses=refusals(API["report_slip"]))
async def report_slip(po_no: BusinessNo, report: SlipReport, actor: ActorDep,
                      services: ServicesDep) -> SupplierFollowUpPublic:
    """Report a supplier's slip with the chosen remedy (PRC-4, PRC-7)."""
    return await services.procurement.report_slip(actor, po_no, report)


@router.post("/shipment-check", response_model=SupplierFollowUpPublic, dependencies=BUYERS,
             responses=refusals(API["check_shipment"]))
async def check_shipment(po_no: BusinessNo, check: ShipmentCheck, actor: ActorDep,
                         services: ServicesDep) -> SupplierFollowUpPublic:
    """Record the ship-day call: shipped with which carrier, or a missed shipment (PRC-5)."""
    return await services.procurement.check_shipment(actor, po_no, check)
