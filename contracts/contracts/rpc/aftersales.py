"""After-sales' RPC payloads, the views it answers, and its method table (AFS-1..4)."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum
from typing import Annotated

from pydantic import BaseModel, Field, StrictBool, model_validator

from contracts.errors import Conflict, InvalidRequest, NotFound
from contracts.events.aftersales import RequestKind, RequestStatus
from contracts.rpc import installations
from contracts.rpc.api import ServiceApi, command, query
from contracts.rpc.bounds import NO_NUL, BoundedDate, CompanyId, Quantity
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


class RemedyKind(StrEnum):
    """AFS-4: what after-sales does for the customer."""

    REPAIR = "repair"
    REPLACEMENT = "replacement"
    PARTS = "parts"


class RemedyLine(StrictPayload):
    product_code: BusinessNo
    quantity: Quantity


class RemedyCreate(StrictPayload):
    """AFS-4: the remedy chosen once the customer was contacted. A replacement or parts
    name what logistics ships; quality feedback (or a quality request) goes to an NCR."""

    kind: RemedyKind
    notes: Text
    lines: list[RemedyLine] = Field(default_factory=list, max_length=50)
    quality_feedback: StrictBool = Field(default=False, description="send it to quality (QLT-4) "
                                                              "even if the request is not "
                                                              "of kind quality")

    @model_validator(mode="after")
    def _what_ships(self):
        ships = self.kind in (RemedyKind.REPLACEMENT, RemedyKind.PARTS)
        if ships != bool(self.lines):
            raise ValueError("a replacement or parts, and only they, name the lines to ship")
        return self


class RemedyPublic(BaseModel):
    """A request's remedy with what it is linked to: the NCR in quality, the replacement
    shipment in logistics (AFS-4)."""

    request_no: str
    order_no: str
    company_id: str
    kind: RemedyKind
    notes: str
    lines: list[dict] = Field(default_factory=list)
    planned_at: datetime
    planned_by: str
    quality_feedback: bool
    ncr_no: str | None = None
    replacement_shipment_no: str | None = None


Score = Annotated[int, Field(ge=1, le=5, description="1 poor … 5 excellent")]


class SurveyCreate(StrictPayload):
    """AFS-5: survey the customer of a delivered order, or of a resolved request."""

    order_no: BusinessNo
    request_no: BusinessNo | None = None


class SurveyAnswer(StrictPayload):
    """AFS-5: the customer's answer, as after-sales records it."""

    quality: Score
    delivery: Score
    service: Score
    comment: str = Field(default="", max_length=2000, pattern=NO_NUL)


class SurveyPublic(BaseModel):
    survey_no: str
    company_id: str
    order_no: str
    request_no: str | None = None
    customer_code: str
    status: str = Field(description="sent | answered")
    sent_at: datetime
    sent_by: str
    quality: int | None = None
    delivery: int | None = None
    service: int | None = None
    comment: str | None = None
    answered_at: datetime | None = None


class SurveyResultsPublic(BaseModel):
    """AFS-5: a company's surveys sent in a period (local dates, inclusive)."""

    company_id: str
    period_from: date
    period_to: date
    sent: int
    answered: int
    response_rate: Decimal | None
    averages: dict[str, Decimal | None] = Field(description="quality, delivery, service")
    overall: Decimal | None


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
    command("plan_remedy", request_no=BusinessNo, remedy=RemedyCreate, reply=RemedyPublic,
            refuses=(*REQUEST_STEP, InvalidRequest),
            doc="AFS-4: once contacted; a replacement ships through logistics, quality "
                "feedback opens or joins an NCR"),
    query("get_remedy", request_no=BusinessNo, reply=RemedyPublic, refuses=(NotFound,),
          doc="AFS-4: the remedy with its NCR and replacement shipment"),
    command("send_survey", survey=SurveyCreate, reply=SurveyPublic,
            refuses=(NotFound, Conflict),
            doc="AFS-5: Conflict until delivered / resolved, or if already surveyed"),
    command("answer_survey", survey_no=BusinessNo, answer=SurveyAnswer, reply=SurveyPublic,
            refuses=(NotFound, Conflict), doc="AFS-5: once"),
    query("list_surveys", order_no=(BusinessNo | None, None), limit=(PageLimit, 100),
          reply=list[SurveyPublic], doc="AFS-5: oldest first, of the actor's companies"),
    query("survey_results", company_id=CompanyId, period_from=BoundedDate,
          period_to=BoundedDate, reply=SurveyResultsPublic, refuses=(NotFound, InvalidRequest),
          doc="AFS-5: response rate and average scores per company and period"),
    query("list_requests", order_no=(BusinessNo | None, None),
          status=(RequestStatus | None, None), limit=(PageLimit, 100),
          reply=list[ServiceRequestPublic],
          doc="oldest first, of the actor's companies; by order and/or status"),
    *installations.AFTERSALES_METHODS,  # AFS-3 (contracts/rpc/installations.py)
])
