"""After-sales: service requests from recording to remedy (AFS-1..4)."""

from __future__ import annotations

from fastapi import APIRouter, status

from contracts.events.aftersales import RequestStatus
from contracts.rpc.aftersales import (
    API,
    ContactCreate,
    ResolutionCreate,
    ServiceRequestCreate,
    ServiceRequestPublic,
)
from contracts.rpc.common import BusinessNo
from gateway.api.deps import ActorDep, PageLimitQuery, ServicesDep, require_roles
from gateway.api.openapi import refusals
from gateway.core.telemetry import tag_order

router = APIRouter(prefix="/aftersales", tags=["aftersales"])
# AFS-1: sales records the request and forwards it; after-sales takes it from there
RECORDERS = [require_roles("sales", "aftersales", "group_general_manager")]
SERVICE_STAFF = [require_roles("aftersales", "group_general_manager")]


@router.post("/service-requests", status_code=status.HTTP_201_CREATED,
             response_model=ServiceRequestPublic, dependencies=RECORDERS,
             responses=refusals(API["open_request"]))
async def open_request(request: ServiceRequestCreate, actor: ActorDep,
                       services: ServicesDep) -> ServiceRequestPublic:
    """Record a customer's service or quality-feedback request on a delivered order (AFS-1)."""
    tag_order(request.order_no)
    return await services.aftersales.open_request(actor, request)


@router.get("/service-requests", response_model=list[ServiceRequestPublic],
            dependencies=RECORDERS, responses=refusals(API["list_requests"]))
async def list_requests(actor: ActorDep, services: ServicesDep,
                        order_no: BusinessNo | None = None,
                        status: RequestStatus | None = None,
                        limit: PageLimitQuery = 100,
                        ) -> list[ServiceRequestPublic]:
    """Service requests of your companies, oldest first, optionally for one order or by status."""
    return await services.aftersales.list_requests(actor, order_no, status, limit)


@router.post("/service-requests/{request_no}/forward", response_model=ServiceRequestPublic,
             dependencies=RECORDERS, responses=refusals(API["forward_request"]))
async def forward_request(request_no: BusinessNo, actor: ActorDep,
                          services: ServicesDep) -> ServiceRequestPublic:
    """Forward a recorded request to after-sales (AFS-1: within 60 working minutes)."""
    return await services.aftersales.forward_request(actor, request_no)


@router.post("/service-requests/{request_no}/contact", response_model=ServiceRequestPublic,
             dependencies=SERVICE_STAFF, responses=refusals(API["record_contact"]))
async def record_contact(request_no: BusinessNo, contact: ContactCreate, actor: ActorDep,
                         services: ServicesDep) -> ServiceRequestPublic:
    """Record that after-sales contacted the customer (AFS-2: within 2 working hours)."""
    return await services.aftersales.record_contact(actor, request_no, contact)


@router.post("/service-requests/{request_no}/resolve", response_model=ServiceRequestPublic,
             dependencies=SERVICE_STAFF, responses=refusals(API["resolve_request"]))
async def resolve_request(request_no: BusinessNo, resolution: ResolutionCreate, actor: ActorDep,
                          services: ServicesDep) -> ServiceRequestPublic:
    """Close a request with the remedy given (AFS-4)."""
    return await services.aftersales.resolve_request(actor, request_no, resolution)
