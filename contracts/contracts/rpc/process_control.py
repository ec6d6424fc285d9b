"""Process control of a work order (PLN-8): the preparation check before it starts, its
daily progress history, and the remedies of a deviation. Its methods join planning's
table."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Literal

from pydantic import BaseModel, Field

from contracts.errors import Conflict, InvalidRequest, NotFound
from contracts.rpc.api import command, query
from contracts.rpc.bounds import NO_NUL
from contracts.rpc.common import BusinessNo, StrictPayload

CheckItemName = Literal["people", "machines", "materials", "co_production", "purchases",
                        "design"]
RemedyKind = Literal["split_operations", "reassign_people", "overtime", "more_output",
                     "outsource", "escalate"]


class CheckAnswer(StrictPayload):
    item: CheckItemName
    ok: bool
    note: str = Field(default="", max_length=500, pattern=NO_NUL)


class PreparationCheckCreate(StrictPayload):
    """The workshop's answers to the six items (人、机、物、协作、采购、设计), PLN-8."""

    items: list[CheckAnswer] = Field(min_length=6, max_length=6)


class RemedyCreate(StrictPayload):
    """How a deviation is answered (PLN-8): split operations, reassign people, overtime,
    more output, outsource (PLN-10) or escalate."""

    kind: RemedyKind
    note: str = Field(min_length=1, max_length=1000, pattern=NO_NUL)


class FactPublic(BaseModel):
    item: CheckItemName
    ready: bool | None = Field(description="null: for the workshop to judge")
    sentence: str


class CheckItemPublic(BaseModel):
    item: CheckItemName
    ok: bool
    note: str = ""
    fact: str = Field(description="what planning knew when it was checked")


class PreparationCheckPublic(BaseModel):
    checked_by: str
    checked_at: datetime
    items: list[CheckItemPublic]
    problems: list[CheckItemName]


class ProgressEntryPublic(BaseModel):
    reported_at: datetime
    reported_by: str
    completed: Decimal
    remaining: Decimal
    forecast_completion: datetime | None = None
    note: str = ""
    deviation: bool = Field(description="the forecast is later than the planned finish")


class RemedyPublic(BaseModel):
    kind: RemedyKind
    note: str
    recorded_by: str
    recorded_at: datetime


class ProcessControlPublic(BaseModel):
    """A work order under process control (PLN-8)."""

    work_order_no: str
    order_no: str
    company_id: str
    status: str
    planned_start: datetime
    planned_finish: datetime
    facts: list[FactPublic] = Field(description="the checklist as planning sees it now")
    preparation: PreparationCheckPublic | None = None
    progress: list[ProgressEntryPublic] = Field(description="newest first, at most 100")
    deviation: bool = Field(description="the latest report forecasts a late finish")
    remedies: list[RemedyPublic]


METHODS = [
    query("get_process_control", work_order_no=BusinessNo, reply=ProcessControlPublic,
          refuses=(NotFound,),
          doc="PLN-8: a work order's checklist facts, preparation check, daily progress "
              "history and remedies"),
    command("check_preparation", work_order_no=BusinessNo, check=PreparationCheckCreate,
            reply=ProcessControlPublic, refuses=(NotFound, Conflict, InvalidRequest),
            doc="PLN-8: the preparation check 1-2 working days before the task starts (meets "
                "PLN-8.preparation_reminder); InvalidRequest when an item planning knows is "
                "not ready is passed as ready; Conflict once the work order is done"),
    command("record_remedy", work_order_no=BusinessNo, remedy=RemedyCreate,
            reply=ProcessControlPublic, refuses=(NotFound, Conflict),
            doc="PLN-8: the remedy of a deviation; Conflict once the work order is done"),
]
