"""Satisfaction surveys in and out of after-sales' database (AFS-5)."""

from __future__ import annotations

from sqlalchemy import select

from aftersales.adapters.tables import surveys
from aftersales.domain.surveys import Survey
from servicekit.repository import TableRepository, visible_to


class SqlSurveyRepository(TableRepository):
    table, key, record = surveys, "survey_no", Survey

    def for_order(self, order_no: str) -> list[Survey]:
        return self._where("order_no", order_no, "sent_at", "survey_no")

    def list(self, companies, order_no=None, limit: int | None = None) -> list[Survey]:
        """Oldest first; `limit` bounds a page."""
        query = visible_to(select(surveys), surveys, companies, order_no=order_no)
        query = query.order_by(surveys.c.sent_at, surveys.c.survey_no).limit(limit)
        return [self._record(r) for r in self.session.execute(query).all()]

    def sent_between(self, company_id: str, start, end) -> list[Survey]:
        query = select(surveys).where(surveys.c.company_id == company_id,
                                      surveys.c.sent_at >= start, surveys.c.sent_at < end)
        return [self._record(r) for r in self.session.execute(query).all()]
