"""Customer satisfaction surveys (AFS-5): sent after a request is resolved or an order
delivered, answered once, aggregated per company and period so the results feed
improvement.

A survey scores three things from 1 (poor) to 5 (excellent): product quality, delivery,
service. The aggregate is the share answered and each average, to two places.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal

from aftersales.domain.errors import StepOutOfOrder
from aftersales.domain.requests import RESOLVED, Delivery, ServiceRequest

SENT, ANSWERED = "sent", "answered"
QUESTIONS = ("quality", "delivery", "service")
PLACES = Decimal("0.01")


@dataclass
class Survey:
    survey_no: str
    company_id: str
    order_no: str
    customer_code: str
    sent_at: datetime
    sent_by: str
    request_no: str | None = None
    status: str = SENT
    quality: int | None = None
    delivery: int | None = None
    service: int | None = None
    comment: str | None = None
    answered_at: datetime | None = None
    recorded_by: str | None = None

    def answer(self, *, scores: dict[str, int], comment: str, by: str, at: datetime) -> None:
        """AFS-5: the customer's answer, recorded once."""
        if self.status != SENT:
            raise StepOutOfOrder(f"survey {self.survey_no} was already answered",
                                 {"survey_no": self.survey_no})
        for question in QUESTIONS:
            setattr(self, question, scores[question])
        self.status, self.comment, self.answered_at, self.recorded_by = ANSWERED, comment, at, by


def after_request(request: ServiceRequest, *, survey_no: str, by: str, at: datetime) -> Survey:
    """AFS-5: a survey on a service request, once it is resolved."""
    if request.status != RESOLVED:
        raise StepOutOfOrder(f"request {request.request_no} is {request.status}: the survey is "
                             "sent once it is resolved", {"request_no": request.request_no})
    return Survey(survey_no=survey_no, company_id=request.company_id,
                  order_no=request.order_no, customer_code=request.customer_code,
                  request_no=request.request_no, sent_at=at, sent_by=by)


def after_delivery(delivery: Delivery, *, survey_no: str, by: str, at: datetime) -> Survey:
    """AFS-5: a survey on a delivered order."""
    return Survey(survey_no=survey_no, company_id=delivery.company_id,
                  order_no=delivery.order_no, customer_code=delivery.customer_code,
                  sent_at=at, sent_by=by)


def aggregate(surveys: list[Survey]) -> dict:
    """Sent, answered, the response rate and each question's average (None if unanswered)."""
    answered = [s for s in surveys if s.status == ANSWERED]

    def mean(values: list[int]) -> Decimal | None:
        if not values:
            return None
        return (Decimal(sum(values)) / Decimal(len(values))).quantize(PLACES, ROUND_HALF_UP)

    averages = {q: mean([getattr(s, q) for s in answered]) for q in QUESTIONS}
    overall = mean([getattr(s, q) for s in answered for q in QUESTIONS])
    return {"sent": len(surveys), "answered": len(answered),
            "response_rate": mean([1] * len(answered) + [0] * (len(surveys) - len(answered))),
            "averages": averages, "overall": overall}
