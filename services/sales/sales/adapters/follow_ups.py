"""Sales' follow-up tasks (SAL-9)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select

from sales.adapters.tables import follow_ups
from sales.domain.follow_ups import OPEN, FollowUp
from servicekit.repository import TableRepository, visible_to


class SqlFollowUps(TableRepository):
    table, key, record = follow_ups, "order_no", FollowUp

    def find(self, order_no: str, confirmed_date) -> FollowUp | None:
        row = self.session.execute(select(follow_ups).where(
            follow_ups.c.order_no == order_no,
            follow_ups.c.confirmed_date == confirmed_date).with_for_update()).first()
        return None if row is None else self._record(row)

    def save(self, task: FollowUp) -> None:
        self.session.execute(follow_ups.update().where(
            follow_ups.c.order_no == task.order_no,
            follow_ups.c.confirmed_date == task.confirmed_date).values(**task.__dict__))

    def open_on(self, companies, until: datetime, limit: int) -> list[FollowUp]:
        """Open tasks whose window has opened by `until`, earliest due first."""
        query = visible_to(select(follow_ups), follow_ups, companies, status=OPEN).where(
            follow_ups.c.window_opens <= until).order_by(follow_ups.c.due_at).limit(limit)
        return [self._record(row) for row in self.session.execute(query).all()]

    def for_order(self, order_no: str) -> list[FollowUp]:
        return self._where("order_no", order_no, "confirmed_date")
