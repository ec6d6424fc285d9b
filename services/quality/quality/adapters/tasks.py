"""Inspection tasks in and out of quality's database (QLT-2)."""

from __future__ import annotations

from sqlalchemy import select

from quality.adapters.tables import inspection_tasks
from quality.domain.tasks import InspectionTask
from servicekit.repository import TableRepository, visible_to


class SqlInspectionTaskRepository(TableRepository):
    table, key, record = inspection_tasks, "task_no", InspectionTask

    def for_plan(self, plan_no: str) -> list[InspectionTask]:
        return self._where("plan_no", plan_no, "planned_at", "task_no")

    def for_order(self, order_no: str) -> list[InspectionTask]:
        return self._where("order_no", order_no, "planned_at", "task_no")

    def list(self, companies, order_no=None, inspector=None, limit: int | None = None
             ) -> list[InspectionTask]:
        """By planned time; `limit` bounds a page."""
        t = inspection_tasks
        query = visible_to(select(t), t, companies, order_no=order_no, inspector=inspector)
        query = query.order_by(t.c.planned_at, t.c.task_no).limit(limit)
        return [self._record(r) for r in self.session.execute(query).all()]

    def planned_between(self, company_id: str, start, end) -> list[InspectionTask]:
        t = inspection_tasks
        query = select(t).where(t.c.company_id == company_id, t.c.planned_at >= start,
                                t.c.planned_at < end)
        return [self._record(r) for r in self.session.execute(query).all()]
