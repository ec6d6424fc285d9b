"""After-sales' RPC payloads, the views it answers, and its method table (AFS-1..4)."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from pydantic import BaseModel, Field

from contracts.errors import Conflict, InvalidRequest, NotFound
from contracts.events.aftersales import RequestKind, RequestStatus
from contracts.rpc.api import ServiceApi, command, query
from contracts.rpc.bounds import NO_NUL
from contracts.rpc.common import BusinessNo, PageLimit, StrictPayload

# Free text as the customer or after-sales wrote it: bounded, and never a NUL character
# (PostgreSQL refuses one; issue 8.8).
Text = Annotated[str, Field(min_length=1, max_length=2000, pattern=NO_NUL)]


class ServiceRequestCreate(StrictPayload):
    """A customer's service / quality-feedback request (用户服务/质量信息反馈单, AFS-1)."""

    order_no: BusinessNo
    kind: RequestKind
    description: str = Field(min_length=3, max_length=2000, pattern=NO_NUL)


class ContactCreate(StrictPayload):
    """After-sales contacted the customer (AFS-2)."""

    notes: Text


class ResolutionCreate(StrictPayload):
    """The remedy given: repair, replacement, parts… (AFS-4)."""

    remedy: Text


class ServiceRequestPublic(BaseModel):
    request_no: str
    order_no: str
    company_id: str
    customer_code: str
    kind: RequestKind
    description: str
    status: RequestStatus = Field(description="recorded | forwarded | contacted | resolved")
    recorded_at: datetime
    recorded_by: str
    forwarded_at: datetime | None = None
    contacted_at: datetime | None = None
    resolved_at: datetime | None = None
    remedy: str | None = None


REQUEST_STEP = (NotFound, Conflict)
API = ServiceApi("aftersales", [
    command("open_request", request=ServiceRequestCreate, reply=ServiceRequestPublic,
            refuses=(InvalidRequest, NotFound, Conflict),
            doc="AFS-1: record a request on a delivered order (Conflict until delivered); "
                "opens AFS-1 (forward within 60 working minutes)"),
    command("forward_request", request_no=BusinessNo, reply=ServiceRequestPublic,
            refuses=REQUEST_STEP,
            doc="AFS-1 met; opens AFS-2 (contact within 2 working hours)"),
    command("record_contact", request_no=BusinessNo, contact=ContactCreate,
            reply=ServiceRequestPublic, refuses=(*REQUEST_STEP, InvalidRequest),
            doc="AFS-2 met: the customer was contacted"),
    command("resolve_request", request_no=BusinessNo, resolution=ResolutionCreate,
            reply=ServiceRequestPublic, refuses=(*REQUEST_STEP, InvalidRequest),
            doc="AFS-4: the remedy is done; sales hears of it"),
    query("list_requests", order_no=(BusinessNo | None, None),
          status=(RequestStatus | None, None), limit=(PageLimit, 100),
          reply=list[ServiceRequestPublic],
          doc="oldest first, of the actor's companies; by order and/or status"),
])
