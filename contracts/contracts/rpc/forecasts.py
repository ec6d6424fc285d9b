"""Planning's forecast completion of an order (SAL-11, PLN-8). Its method joins planning's
table."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, Field

from contracts.errors import NotFound
from contracts.rpc.api import command
from contracts.rpc.bounds import NO_NUL, BoundedMoment
from contracts.rpc.common import BusinessNo, StrictPayload


class ForecastReport(StrictPayload):
    """The production manager's forecast completion of an order, from progress (PLN-8)."""

    forecast_completion: BoundedMoment
    reason: str = Field(default="", max_length=500, pattern=NO_NUL)


class ForecastPublic(BaseModel):
    order_no: str
    forecast_completion: datetime
    reason: str = ""


METHODS = [
    command("report_forecast", order_no=BusinessNo, report=ForecastReport,
            reply=ForecastPublic, refuses=(NotFound,),
            doc="PLN-8/SAL-11: the order's forecast completion; sales is told by event"),
]
