"""Objections to a plan task's time (PLN-6, CO-2). Its methods join planning's table."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, Field, StrictBool

from contracts.errors import Conflict, InvalidRequest, NotFound
from contracts.rpc.api import command, query
from contracts.rpc.bounds import NO_NUL, SOME_NO_NUL, BoundedMoment, CompanyId
from contracts.rpc.common import BusinessNo, PageLimit, StrictPayload

ObjectionStatus = Literal["open", "accepted", "rejected"]


class ObjectionRaise(StrictPayload):
    """A department's objection to a work order's planned finish (PLN-6)."""

    company_id: CompanyId = Field(description="the objecting company (its GM is escalated to)")
    reason: str = Field(min_length=1, max_length=1000, pattern=SOME_NO_NUL)
    proposed_finish: BoundedMoment


class ObjectionDecision(StrictPayload):
    """Planning's answer: accepted (the task takes the proposed time) or rejected, why."""

    accept: StrictBool
    reason: str = Field(default="", max_length=1000, pattern=NO_NUL)


class ObjectionPublic(BaseModel):
    objection_no: str
    company_id: str = Field(description="the objecting company")
    plan_company_id: str
    order_no: str
    work_order_no: str
    reason: str
    proposed_finish: datetime
    planned_finish: datetime
    raised_by: str
    raised_at: datetime
    status: ObjectionStatus
    decided_by: str | None = None
    decided_at: datetime | None = None
    decision_reason: str = ""


METHODS = [
    command("raise_objection", work_order_no=BusinessNo, objection=ObjectionRaise,
            reply=ObjectionPublic, refuses=(NotFound, Conflict),
            doc="PLN-6: any company's objection to a plan task's time; Conflict after 1 "
                "working day of the plan. Opens PLN-6.objection, held by the objecting "
                "company (CO-2: its GM when left open)"),
    command("decide_objection", objection_no=BusinessNo, decision=ObjectionDecision,
            reply=ObjectionPublic, refuses=(NotFound, Conflict, InvalidRequest),
            doc="PLN-6: planning accepts (a later order completion reaches sales as "
                "planning.forecast_updated) or rejects with a reason"),
    query("list_objections", order_no=(BusinessNo | None, None),
          status=(ObjectionStatus | None, None), limit=(PageLimit, 100),
          reply=list[ObjectionPublic],
          doc="PLN-6: objections the actor's companies raised or received, oldest first"),
]
