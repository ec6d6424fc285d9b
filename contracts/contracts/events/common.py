"""Payloads every service can produce (runtime facts, not department facts)."""

from __future__ import annotations

from typing import Literal

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
    department: str | None = Field(
        default=None, description="X-2: the department whose act was late, when it is not the "
        "service that tracks the limit (AFS-1: sales); None: the tracking service's own")
    calendar: Literal["official", "estimated"] = Field(
        default="official", description="X-1: 'estimated' when due_at was counted over a year "
        "without the official holiday schedule")
