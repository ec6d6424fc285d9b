"""Satisfaction surveys (AFS-5): use cases `f(actor, payload..., uow)`."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from aftersales.domain import requests as request_model
from aftersales.domain import surveys as model
from aftersales.domain.errors import (
    OrderNotFound,
    RequestNotFound,
    RequestRejected,
    StepOutOfOrder,
)
from aftersales.domain.surveys import Survey
from aftersales.handlers import _visible
from contracts.rpc.aftersales import SurveyAnswer, SurveyCreate, SurveyPublic, SurveyResultsPublic
from contracts.rpc.common import Actor
from servicekit import clock
from servicekit.workcalendar import DEFAULT_CALENDAR, WorkCalendar


def send_survey(actor: Actor, survey: SurveyCreate, uow, *,
                now: datetime | None = None) -> SurveyPublic:
    """AFS-5: after a resolved request, or a delivered order; once for each."""
    with uow:
        at = clock.now(now)
        if survey.request_no:
            request = _visible(actor, survey.request_no, uow)
            if request.order_no != survey.order_no:
                raise RequestNotFound(f"request {survey.request_no} is not of order "
                                      f"{survey.order_no}")
            sent = model.after_request(request,
                                       survey_no=uow.numbers.next("SV", request.company_id),
                                       by=actor.username, at=at)
        else:
            deliveries = [d for d in uow.deliveries.for_order(survey.order_no)
                          if actor.may_see(d.company_id)]
            if not deliveries and uow.deliveries.for_order(survey.order_no):
                raise OrderNotFound(f"order {survey.order_no} not found")
            delivery = request_model.first_delivery(survey.order_no, deliveries)
            sent = model.after_delivery(delivery,
                                        survey_no=uow.numbers.next("SV", delivery.company_id),
                                        by=actor.username, at=at)
        if any(s.request_no == sent.request_no for s in uow.surveys.for_order(sent.order_no)):
            raise StepOutOfOrder(f"order {sent.order_no} was already surveyed"
                                 + (f" for {sent.request_no}" if sent.request_no else ""))
        uow.surveys.add(sent)
        uow.commit()
    return _public(sent)


def answer_survey(actor: Actor, survey_no: str, answer: SurveyAnswer, uow, *,
                  now: datetime | None = None) -> SurveyPublic:
    with uow:
        survey = uow.surveys.get(survey_no)
        if survey is None or not actor.may_see(survey.company_id):
            raise RequestNotFound(f"survey {survey_no} not found")
        survey.answer(scores={q: getattr(answer, q) for q in model.QUESTIONS},
                      comment=answer.comment, by=actor.username, at=clock.now(now))
        uow.surveys.save(survey)
        uow.commit()
    return _public(survey)


def list_surveys(actor: Actor, order_no: str | None, limit: int, uow) -> list[SurveyPublic]:
    with uow:
        return [_public(s) for s in uow.surveys.list(actor.companies, order_no, limit=limit)]


def survey_results(actor: Actor, company_id: str, period_from: date, period_to: date, uow,
                   calendar: WorkCalendar = DEFAULT_CALENDAR) -> SurveyResultsPublic:
    """AFS-5: the surveys a company sent over local dates `period_from`..`period_to`."""
    if not actor.may_see(company_id):
        raise OrderNotFound(f"company {company_id} not found")
    if period_to < period_from:
        raise RequestRejected("the period ends before it starts")
    start = datetime.combine(period_from, time(0), tzinfo=calendar.tz)
    end = datetime.combine(period_to + timedelta(days=1), time(0), tzinfo=calendar.tz)
    with uow:
        sent = uow.surveys.sent_between(company_id, start, end)
    return SurveyResultsPublic(company_id=company_id, period_from=period_from,
                               period_to=period_to, **model.aggregate(sent))


def _public(survey: Survey) -> SurveyPublic:
    return SurveyPublic(**{k: v for k, v in survey.__dict__.items() if k != "recorded_by"})
