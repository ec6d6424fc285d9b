"""Customer satisfaction surveys and their results (AFS-5)."""

from __future__ import annotations

from fastapi import APIRouter

from contracts.rpc.aftersales import (
    API,
    SurveyAnswer,
    SurveyCreate,
    SurveyPublic,
    SurveyResultsPublic,
)
from contracts.rpc.bounds import BoundedDate, CompanyId
from contracts.rpc.common import BusinessNo
from gateway.api.deps import ActorDep, PageLimitQuery, ServicesDep, require_roles
from gateway.api.openapi import refusals

router = APIRouter(prefix="/aftersales", tags=["aftersales"],
                   dependencies=[require_roles("aftersales", "sales", "general_manager",
                                               "group_general_manager")])


@router.post("/surveys", status_code=201, response_model=SurveyPublic,
             responses=refusals(API["send_survey"]))
async def send_survey(survey: SurveyCreate, actor: ActorDep, services: ServicesDep
                      ) -> SurveyPublic:
    """Survey a customer after delivery or a resolved request (AFS-5)."""
    return await services.aftersales.send_survey(actor, survey)


@router.post("/surveys/{survey_no}/answer", response_model=SurveyPublic,
             responses=refusals(API["answer_survey"]))
async def answer_survey(survey_no: BusinessNo, answer: SurveyAnswer, actor: ActorDep,
                        services: ServicesDep) -> SurveyPublic:
    """Record the customer's scores and comment, once (AFS-5)."""
    return await services.aftersales.answer_survey(actor, survey_no, answer)


@router.get("/surveys", response_model=list[SurveyPublic],
            responses=refusals(API["list_surveys"]))
async def list_surveys(actor: ActorDep, services: ServicesDep,
                       order_no: BusinessNo | None = None, limit: PageLimitQuery = 100
                       ) -> list[SurveyPublic]:
    """Surveys of your companies, oldest first, optionally of one order (AFS-5)."""
    return await services.aftersales.list_surveys(actor, order_no, limit)


@router.get("/survey-results", response_model=SurveyResultsPublic,
            responses=refusals(API["survey_results"]))
async def survey_results(company_id: CompanyId, period_from: BoundedDate,
                         period_to: BoundedDate,
                         actor: ActorDep, services: ServicesDep) -> SurveyResultsPublic:
    """Response rate and average scores of a company's surveys in a period (AFS-5)."""
    return await services.aftersales.survey_results(actor, company_id, period_from, period_to)
