"""AFS-5 satisfaction surveys on a real unit of work (in-memory SQLite): sent after
delivery or a resolved request, answered once, aggregated per company and period."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest

from aftersales import handlers, surveys
from aftersales.adapters.tables import metadata
from aftersales.domain.errors import RequestNotFound, StepOutOfOrder
from aftersales.unit_of_work import AftersalesUnitOfWork
from contracts.rpc.aftersales import (
    ContactCreate,
    ResolutionCreate,
    SurveyAnswer,
    SurveyCreate,
)
from servicekit import inmemory

from .test_aftersales_use_cases import ORDER, P2_SERVICE, SERVICE, T0, delivered, opened


@pytest.fixture
def uow():
    return inmemory.unit_of_work(AftersalesUnitOfWork, metadata)


def resolved(uow) -> str:
    number = opened(uow)
    handlers.forward_request(SERVICE, number, uow, now=T0)
    handlers.record_contact(SERVICE, number, ContactCreate(notes="called"), uow, now=T0)
    handlers.resolve_request(SERVICE, number, ResolutionCreate(remedy="repaired"), uow, now=T0)
    return number


def scores(quality, delivery, service) -> SurveyAnswer:
    return SurveyAnswer(quality=quality, delivery=delivery, service=service)


def test_a_week_of_surveys_aggregates_as_computed_by_hand(uow):  # rule AFS-5
    number = resolved(uow)
    on_request = surveys.send_survey(SERVICE, SurveyCreate(order_no=ORDER, request_no=number),
                                     uow, now=T0 + timedelta(hours=1))
    on_delivery = surveys.send_survey(SERVICE, SurveyCreate(order_no=ORDER), uow,
                                      now=T0 + timedelta(hours=2))
    delivered(uow, order_no="SO-P1-000002", shipment_no="SH-P1-000002")
    unanswered = surveys.send_survey(SERVICE, SurveyCreate(order_no="SO-P1-000002"), uow,
                                     now=T0 + timedelta(days=1))
    surveys.answer_survey(SERVICE, on_request.survey_no, scores(5, 4, 3), uow)
    surveys.answer_survey(SERVICE, on_delivery.survey_no, scores(4, 2, 4), uow)
    assert unanswered.status == "sent"

    results = surveys.survey_results(SERVICE, "P1", date(2026, 3, 2), date(2026, 3, 6), uow)
    # 2 of 3 answered; quality (5+4)/2, delivery (4+2)/2, service (3+4)/2, all six 22/6
    assert (results.sent, results.answered, results.response_rate) == (3, 2, Decimal("0.67"))
    assert results.averages == {"quality": Decimal("4.50"), "delivery": Decimal("3.00"),
                                "service": Decimal("3.50")}
    assert results.overall == Decimal("3.67")
    before = surveys.survey_results(SERVICE, "P1", date(2026, 2, 1), date(2026, 2, 28), uow)
    assert (before.sent, before.response_rate, before.overall) == (0, None, None)


def test_a_survey_waits_for_resolution_and_is_sent_and_answered_once(uow):
    number = opened(uow)
    with pytest.raises(StepOutOfOrder):
        surveys.send_survey(SERVICE, SurveyCreate(order_no=ORDER, request_no=number), uow)
    surveys.send_survey(SERVICE, SurveyCreate(order_no=ORDER), uow)
    with pytest.raises(StepOutOfOrder):
        surveys.send_survey(SERVICE, SurveyCreate(order_no=ORDER), uow)
    [sent] = surveys.list_surveys(SERVICE, ORDER, 10, uow)
    surveys.answer_survey(SERVICE, sent.survey_no, scores(5, 5, 5), uow)
    with pytest.raises(StepOutOfOrder):
        surveys.answer_survey(SERVICE, sent.survey_no, scores(1, 1, 1), uow)
    with pytest.raises(RequestNotFound):
        surveys.answer_survey(P2_SERVICE, sent.survey_no, scores(1, 1, 1), uow)
