"""Planning's forecast completion of an order (PLN-8 progress, SAL-11): the production
manager reports it and sales is told by `planning.forecast_updated`."""

from __future__ import annotations

from contracts.events.forecasts import ForecastUpdated
from contracts.rpc.common import Actor
from contracts.rpc.forecasts import ForecastPublic, ForecastReport
from planning.domain.errors import NotInPlanning


def report_forecast(actor: Actor, order_no: str, report: ForecastReport, uow) -> ForecastPublic:
    with uow:
        plan = uow.plans.for_order(order_no, for_update=True)
        if plan is None or not actor.may_see(plan.company_id):
            raise NotInPlanning(f"no plan for order {order_no}")
        plan.planned_completion = report.forecast_completion
        uow.plans.save(plan)
        uow.emit("planning.forecast_updated", ForecastUpdated(
            order_no=order_no, forecast_completion=report.forecast_completion,
            reason=report.reason, reported_by=actor.username),
            company_id=plan.company_id, order_no=order_no)
        uow.commit()
    return ForecastPublic(order_no=order_no, forecast_completion=report.forecast_completion,
                          reason=report.reason)
