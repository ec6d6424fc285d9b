"""RPC models every service shares: who is asking, argument models, the journey view."""

from __future__ import annotations

import hmac
import json
from hashlib import sha256
from typing import Annotated, Literal

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field

# The key gateway and services share when none is configured (development and tests only:
# `make run` generates a real one into var/, production refuses to start without one).
DEVELOPMENT_SIGNING_KEY = b"ordersuite-development-actor-signing-key"

# A business number or master-data code as an RPC argument: never empty, bounded.
BusinessNo = Annotated[str, Field(min_length=1, max_length=64, pattern=r"^[^\x00]+$")]
# A page of a list: every list is bounded (the brief: "every list paginates").
PageLimit = Annotated[int, Field(ge=1, le=1000)]
# Where the next page starts: the key (an order number, ...) of the last item of the page
# before (issue 16: keyset pages, so a page costs the same however long the history).
PageAfter = Annotated[str | None, Field(min_length=1, max_length=64,
                                        pattern=r"^[^\x00]+$")]


class StrictPayload(BaseModel):
    """An RPC argument model (a command's payload, a query): exactly its fields; an unknown
    one is refused, not ignored. Its booleans are StrictBool: JSON true or false, never 0
    or "yes" (the OpenAPI says boolean, issue 8.8)."""

    model_config = ConfigDict(extra="forbid")


class Actor(BaseModel):
    """The person acting, as the gateway authenticated them.

    Services record it on what they change (X-3: who held it) and scope reads
    to `companies` (None = group-wide, e.g. a group GM).
    """

    model_config = ConfigDict(extra="forbid")

    username: str = Field(min_length=1, max_length=64)
    roles: list[str] = Field(default_factory=list, max_length=20)
    companies: list[str] | None = Field(default=None, max_length=50)
    expires: int | None = Field(default=None, description="unix time the signature ends")
    signature: str | None = Field(default=None, max_length=128,
                                  description="HMAC-SHA256 of signing_text(), by the gateway")

    def signing_text(self) -> str:
        """What the gateway's signature covers: who, as what, for which companies, until."""
        return json.dumps([self.username, self.roles, self.companies, self.expires],
                          separators=(",", ":"))

    def signed(self, key: bytes, expires: int) -> dict:
        """This actor as the gateway sends it: JSON-safe, with its expiry and signature."""
        actor = self.model_copy(update={"expires": expires, "signature": None})
        return {**actor.model_dump(mode="json"), "signature": actor.signature_with(key)}

    def signature_with(self, key: bytes) -> str:
        """HMAC-SHA256 of `signing_text()`: the gateway signs with it, services verify."""
        return hmac.new(key, self.signing_text().encode(), sha256).hexdigest()

    def may_see(self, company_id: str) -> bool:
        return self.companies is None or company_id in self.companies


class JourneyStage(BaseModel):
    """One stage of an order's journey, as the owning department saw it (X-3)."""

    stage: str = Field(description="e.g. 'order received', 'incoming inspection'")
    department: str = Field(description="the service that held it")
    state: str = Field(description="done | in_progress | waiting | refused")
    started_at: AwareDatetime
    ended_at: AwareDatetime | None = None
    actor: str | None = None
    refs: dict[str, str] = Field(default_factory=dict, description="business numbers (X-4)")
    summary: str = ""
    trace_id: str | None = Field(
        default=None, description="W3C trace id of the act that started the stage: open it "
                                  "in the tracing backend (set by the gateway's journey view)")


class TraceMark(BaseModel):
    """An act on an order as the tracing saw it: the event it caused, when, in which trace."""

    event_type: str
    at: AwareDatetime
    trace_id: str = Field(min_length=32, max_length=32)


# A deadline's id (servicekit.deadlines: a UUID)
DeadlineId = Annotated[str, Field(min_length=36, max_length=36, pattern=r"^[0-9a-f-]{36}$")]


class DeadlinePublic(BaseModel):
    """A time limit (X-1) on an order, with where its escalation (X-2) stands."""

    id: str
    rule_id: str
    subject: str
    description: str
    company_id: str
    order_no: str | None = None
    opened_at: AwareDatetime
    due_at: AwareDatetime
    status: str = Field(description="open | met | breached | superseded (closed unmet: the "
                                    "date it counted to moved, a new limit took over)")
    met_at: AwareDatetime | None = None
    breached_at: AwareDatetime | None = None
    escalation_level: int = 0
    escalated_to: str | None = None
    holder: str | None = Field(
        default=None, description="X-2: the department whose act meets it, when not the "
        "service that tracks it (AFS-1: sales forwards, after-sales tracks)")
    calendar: Literal["official", "estimated"] = Field(
        default="official", description="X-1: 'estimated' when due_at was counted over a year "
        "without the official holiday schedule (调休 not published yet): it may move")
    acknowledged_at: AwareDatetime | None = Field(
        default=None, description="X-2: acknowledged by the person it reached: climbs no further")
    acknowledged_by: str | None = None


class OrderView(BaseModel):
    """What one service knows of an order for its journey view (X-3): its stages and its
    time limits, in one call (issue 16: the journey costs one call per service)."""

    stages: list[JourneyStage] = Field(default_factory=list)
    deadlines: list[DeadlinePublic] = Field(default_factory=list)
    traces: list[TraceMark] = Field(
        default_factory=list, description="the events this service published about the "
                                          "order, each with the trace of the act behind it")
    order: dict | None = Field(
        default=None, description="sales only: the order itself, as get_order answers it "
        "(OrderPublic), so the journey view asks sales once; sales refuses NotFound for an "
        "order the actor may not see")
    co_production: list[dict] | None = Field(
        default=None, description="planning only: the co-production instructions the order "
        "raised (CoProductionPublic, CO-1), whose makers' stages are its sub-journeys, so "
        "the journey view asks planning once")


class HealthPublic(BaseModel):
    """A service's readiness (database and broker)."""

    model_config = ConfigDict(extra="allow")

    service: str
    status: str
    database: str = "ok"
    broker: str = "ok"
    outbox_backlog: int = 0
    checked_at: AwareDatetime | None = None
