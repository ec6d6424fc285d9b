"""Publishing a plan (PLN-1, ORD-5) and the coordination meeting of a non-regular order
(PLN-3): the payloads of planning's methods list_plans, publish_plan,
record_coordination_meeting and approve_plan_coordination (contracts/rpc/planning.py)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Literal

from pydantic import BaseModel, Field

from contracts.rpc.bounds import NO_NUL, SOME_NO_NUL, BoundedDate, BoundedMoment
from contracts.rpc.common import BusinessNo, StrictPayload

Publication = Literal["proposed", "published"]
Attendee = Annotated[str, Field(min_length=1, max_length=120, pattern=SOME_NO_NUL)]
ApprovingDepartment = Literal["design", "workshops", "procurement", "quality"]
TaskKind = Literal["design", "procurement", "assembly_start", "assembly_finish", "packaging"]


class NeededByChange(StrictPayload):
    request_no: BusinessNo
    needed_by: BoundedDate = Field(description="no later than the proposed date: when the "
                                               "first work order needing it starts")


class PlanPublish(StrictPayload):
    """The planner's adjustments to the proposed plan, and a note (PLN-1)."""

    note: str = Field(default="", max_length=1000, pattern=NO_NUL)
    needed_by: list[NeededByChange] = Field(default_factory=list, max_length=200)


class CoordinationMeetingCreate(StrictPayload):
    """PLN-3: the planning coordination meeting of a non-regular order."""

    held_at: BoundedMoment
    attendees: list[Attendee] = Field(min_length=1, max_length=50, description=(
        "who attended, e.g. 'Huang Lei (design)'"))
    notes: str = Field(default="", max_length=4000, pattern=NO_NUL)


class CoordinationApprovalCreate(StrictPayload):
    """One department's approval of the plan discussed (PLN-3); the actor must belong to
    it (design: design, workshops: production manager, procurement, quality)."""

    department: ApprovingDepartment
    remark: str = Field(default="", max_length=1000, pattern=NO_NUL)


class CoordinationApprovalPublic(BaseModel):
    department: ApprovingDepartment
    approved_by: str
    approved_at: datetime
    remark: str = ""


class CoordinationPublic(BaseModel):
    held_at: datetime
    recorded_by: str
    recorded_at: datetime
    attendees: list[str]
    notes: str = ""
    approvals: list[CoordinationApprovalPublic]
    missing: list[ApprovingDepartment] = Field(description="approvals still to come")


class PlanTaskPublic(BaseModel):
    """One line of the task list decomposition proposes (PLN-1)."""

    kind: TaskKind
    subject: str
    due_at: datetime | None = None
    due_date: date | None = None
    status: str
    sentence: str


class PlanSummaryPublic(BaseModel):
    """A plan in a list: where its publication stands (PLN-1, PLN-3)."""

    plan_no: str
    order_no: str
    company_id: str
    non_regular: bool
    complete_set: bool
    publication: Publication
    created_at: datetime
    published_at: datetime | None = None
    planned_completion: datetime
    missing_approvals: list[ApprovingDepartment] = Field(default_factory=list)
