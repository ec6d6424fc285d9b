"""The forecast completion a daily progress report gives (PLN-8), told to the departments
that time their work by it: sales (SAL-11) and logistics' packaging notice (LOG-1)."""

from __future__ import annotations

from datetime import datetime

from contracts.events.planning import CompletionForecastChanged
from planning.domain.plan import Plan


def report_forecast(uow, plan: Plan, forecast: datetime | None, at: datetime) -> None:
    """A forecast that moves the plan's completion becomes the plan's, and is announced."""
    if forecast is None or forecast == plan.planned_completion:
        return
    previous, plan.planned_completion = plan.planned_completion, forecast
    uow.plans.save(plan)
    uow.emit("planning.completion_forecast_changed", CompletionForecastChanged(
        order_no=plan.order_no, plan_no=plan.plan_no, forecast_completion=forecast,
        previous_completion=previous, reported_at=at,
    ), company_id=plan.company_id, order_no=plan.order_no)
