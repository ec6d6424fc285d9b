"""Logistics around departure and after it: delay reports (LOG-4), missing parts (LOG-5),
"not received" investigations and carrier claims (LOG-6)."""

from __future__ import annotations

from fastapi import APIRouter, status

from contracts.rpc.common import BusinessNo
from contracts.rpc.logistics import (
    API,
    CarrierClaimPublic,
    ClaimSettlement,
    DelayReport,
    InvestigationOutcome,
    InvestigationPublic,
    MissingPartsPublic,
    MissingPartsShipmentCreate,
    NotReceivedReport,
    ShipmentPublic,
)
from gateway.api.deps import ActorDep, PageLimitQuery, ServicesDep, require_roles
from gateway.api.openapi import refusals

router = APIRouter(prefix="/logistics", tags=["logistics"],
                   dependencies=[require_roles("logistics", "group_general_manager")])


@router.post("/shipments/{shipment_no}/delay", response_model=ShipmentPublic,
             responses=refusals(API["report_delay"]))
async def report_delay(shipment_no: BusinessNo, delay: DelayReport, actor: ActorDep,
                       services: ServicesDep) -> ShipmentPublic:
    """Report the same day that goods cannot leave on time: reason, new time, ETA (LOG-4)."""
    return await services.logistics.report_delay(actor, shipment_no, delay)


@router.get("/missing-parts", response_model=list[MissingPartsPublic],
            responses=refusals(API["list_missing_parts"]))
async def list_missing_parts(actor: ActorDep, services: ServicesDep,
                             order_no: BusinessNo | None = None,
                             limit: PageLimitQuery = 100) -> list[MissingPartsPublic]:
    """Missing parts of short shipments, their owners and shipments, newest first (LOG-5)."""
    return await services.logistics.list_missing_parts(actor, order_no, limit)


@router.post("/missing-parts/{missing_no}/shipment", status_code=status.HTTP_201_CREATED,
             response_model=ShipmentPublic, responses=refusals(API["ship_missing_parts"]))
async def ship_missing_parts(missing_no: BusinessNo, shipment: MissingPartsShipmentCreate,
                             actor: ActorDep, services: ServicesDep) -> ShipmentPublic:
    """Prepare the missing parts' own shipment (LOG-5)."""
    return await services.logistics.ship_missing_parts(actor, missing_no, shipment)


@router.post("/shipments/{shipment_no}/not-received", status_code=status.HTTP_201_CREATED,
             response_model=InvestigationPublic, responses=refusals(API["report_not_received"]))
async def report_not_received(shipment_no: BusinessNo, report: NotReceivedReport,
                              actor: ActorDep, services: ServicesDep) -> InvestigationPublic:
    """Record the customer's "not received" and open shipping's investigation (LOG-6)."""
    return await services.logistics.report_not_received(actor, shipment_no, report)


@router.get("/investigations", response_model=list[InvestigationPublic],
            responses=refusals(API["list_investigations"]))
async def list_investigations(actor: ActorDep, services: ServicesDep,
                              order_no: BusinessNo | None = None,
                              limit: PageLimitQuery = 100) -> list[InvestigationPublic]:
    """"Not received" investigations, newest first (LOG-6)."""
    return await services.logistics.list_investigations(actor, order_no, limit)


@router.post("/investigations/{investigation_no}/close", response_model=InvestigationPublic,
             responses=refusals(API["close_investigation"]))
async def close_investigation(investigation_no: BusinessNo, outcome: InvestigationOutcome,
                              actor: ActorDep, services: ServicesDep) -> InvestigationPublic:
    """Close an investigation with what it found (LOG-6)."""
    return await services.logistics.close_investigation(actor, investigation_no, outcome)


@router.get("/carrier-claims", response_model=list[CarrierClaimPublic],
            responses=refusals(API["list_carrier_claims"]))
async def list_carrier_claims(actor: ActorDep, services: ServicesDep,
                              order_no: BusinessNo | None = None,
                              limit: PageLimitQuery = 100) -> list[CarrierClaimPublic]:
    """Claims against carriers for goods received damaged, newest first (LOG-6)."""
    return await services.logistics.list_carrier_claims(actor, order_no, limit)


@router.post("/carrier-claims/{claim_no}/settlement", response_model=CarrierClaimPublic,
             responses=refusals(API["settle_carrier_claim"]))
async def settle_carrier_claim(claim_no: BusinessNo, settlement: ClaimSettlement,
                               actor: ActorDep, services: ServicesDep) -> CarrierClaimPublic:
    """Record the carrier's answer to a claim and the amount recovered (LOG-6)."""
    return await services.logistics.settle_carrier_claim(actor, claim_no, settlement)
