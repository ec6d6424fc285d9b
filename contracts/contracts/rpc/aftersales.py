"""After-sales' RPC payloads."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field


class ServiceRequestCreate(BaseModel):
    """A customer's service / quality-feedback request (用户服务/质量信息反馈单, AFS-1)."""

    model_config = ConfigDict(extra="forbid")

    order_no: str = Field(min_length=1, max_length=64)
    kind: str = Field(pattern=r"^(installation|repair|replacement|parts|damage|quality|other)$")
    description: str = Field(min_length=3, max_length=2000)


class ContactCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    notes: str = Field(min_length=1, max_length=2000)


class ResolutionCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    remedy: str = Field(min_length=1, max_length=2000)


class ServiceRequestPublic(BaseModel):
    request_no: str
    order_no: str
    company_id: str
    customer_code: str
    kind: str
    description: str
    status: str = Field(description="recorded | forwarded | contacted | resolved")
    recorded_at: datetime
    recorded_by: str
    forwarded_at: datetime | None = None
    contacted_at: datetime | None = None
    resolved_at: datetime | None = None
    remedy: str | None = None
