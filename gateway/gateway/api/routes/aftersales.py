"""After-sales: service requests from recording to remedy (AFS-1..4)."""

from __future__ import annotations

from fastapi import APIRouter, Query, status

from contracts.rpc.aftersales import (
    ContactCreate,
    ResolutionCreate,
    ServiceRequestCreate,
    ServiceRequestPublic,
)
from gateway.api.deps import ActorDep, ServicesDep, require_roles
from gateway.core.telemetry import tag_order

router = APIRouter(prefix="/aftersales", tags=["aftersales"])
# AFS-1: sales records the request and forwards it; after-sales takes it from there
RECORDERS = [require_roles("sales", "aftersales", "group_general_manager")]
SERVICE_STAFF = [require_roles("aftersales", "group_general_manager")]


@router.post("/service-requests", status_code=status.HTTP_201_CREATED,
             response_model=ServiceRequestPublic, dependencies=RECORDERS)
async def open_request(request: ServiceRequestCreate, actor: ActorDep,
                       services: ServicesDep) -> dict:
    """Record a customer's service or quality-feedback request (AFS-1)."""
    tag_order(request.order_no)
    return await services.call("aftersales", "open_request", actor,
                               request.model_dump(mode="json"))


@router.get("/service-requests", response_model=list[ServiceRequestPublic],
            dependencies=RECORDERS)
async def list_requests(actor: ActorDep, services: ServicesDep,
                        order_no: str | None = Query(default=None, max_length=64),
                        status: str | None = Query(default=None, max_length=32)) -> list:
    """Service requests of your companies, optionally for one order or by status."""
    return await services.call("aftersales", "list_requests", actor, order_no, status)


@router.post("/service-requests/{request_no}/forward", response_model=ServiceRequestPublic,
             dependencies=RECORDERS)
async def forward_request(request_no: str, actor: ActorDep, services: ServicesDep) -> dict:
    """Forward a recorded request to after-sales (AFS-1: within 60 working minutes)."""
    return await services.call("aftersales", "forward_request", actor, request_no)


@router.post("/service-requests/{request_no}/contact", response_model=ServiceRequestPublic,
             dependencies=SERVICE_STAFF)
async def record_contact(request_no: str, contact: ContactCreate, actor: ActorDep,
                         services: ServicesDep) -> dict:
    """Record that after-sales contacted the customer (AFS-2: within 2 working hours)."""
    return await services.call("aftersales", "record_contact", actor, request_no,
                               contact.model_dump(mode="json"))


@router.post("/service-requests/{request_no}/resolve", response_model=ServiceRequestPublic,
             dependencies=SERVICE_STAFF)
async def resolve_request(request_no: str, resolution: ResolutionCreate, actor: ActorDep,
                          services: ServicesDep) -> dict:
    """Close a request with the remedy given (AFS-4)."""
    return await services.call("aftersales", "resolve_request", actor, request_no,
                               resolution.model_dump(mode="json"))
