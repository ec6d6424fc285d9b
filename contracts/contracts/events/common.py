"""Payloads every service can produce (runtime facts, not department facts)."""

from __future__ import annotations

from pydantic import AwareDatetime, Field

from contracts.envelope import Payload


class DeadlineBreached(Payload):
    """A time limit of PROCESS.md passed unmet (rule X-1), escalated per X-2."""

    deadline_id: str
    rule_id: str = Field(description="PROCESS.md rule, e.g. SAL-7")
    subject: str = Field(description="the business document the limit applies to")
    description: str
    due_at: AwareDatetime
    breached_at: AwareDatetime
    escalated_to: str = Field(description="X-2 ladder rung: department_leader, general_manager…")
    escalation_level: int = Field(ge=1)
