"""Planning's forecast completion of an order, as its progress reports move it (SAL-11,
PLN-8)."""

from __future__ import annotations

from pydantic import AwareDatetime

from contracts.envelope import Payload


class ForecastUpdated(Payload):
    """The order's forecast completion changed: sales tells the customer (SAL-11)."""

    order_no: str
    forecast_completion: AwareDatetime
    reason: str = ""
    reported_by: str = ""
