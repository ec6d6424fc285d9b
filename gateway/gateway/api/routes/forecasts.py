"""Planning: the order's forecast completion from progress, reported to sales (PLN-8,
SAL-11)."""

from __future__ import annotations

from fastapi import APIRouter

from contracts.rpc.common import BusinessNo
from contracts.rpc.forecasts import ForecastPublic, ForecastReport
from contracts.rpc.planning import API
from gateway.api.deps import ActorDep, ServicesDep
from gateway.api.openapi import refusals
from gateway.api.routes.planning import PLANNERS

router = APIRouter(prefix="/planning", tags=["planning"])


@router.post("/plans/{order_no}/forecast", response_model=ForecastPublic, dependencies=PLANNERS,
             responses=refusals(API["report_forecast"]))
async def report_forecast(order_no: BusinessNo, report: ForecastReport, actor: ActorDep,
                          services: ServicesDep) -> ForecastPublic:
    """Report the order's forecast completion; sales is told (PLN-8, SAL-11)."""
    return await services.planning.report_forecast(actor, order_no, report)
