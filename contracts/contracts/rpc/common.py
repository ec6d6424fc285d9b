"""RPC models every service shares: who is asking, and the journey view."""

from __future__ import annotations

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field


class Actor(BaseModel):
    """The person acting, as the gateway authenticated them.

    Services record it on what they change (X-3: who held it) and scope reads
    to `companies` (None = group-wide, e.g. a group GM).
    """

    model_config = ConfigDict(extra="forbid")

    username: str
    roles: list[str] = Field(default_factory=list)
    companies: list[str] | None = None

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
