"""Objections to plan tasks in and out of planning's database (PLN-6)."""

from __future__ import annotations

from sqlalchemy import or_, select

from planning.adapters.tables import objections
from planning.domain.objections import Objection
from servicekit.repository import TableRepository


class SqlObjectionRepository(TableRepository):
    table, key, record = objections, "objection_no", Objection

    def list(self, companies, order_no=None, status=None, limit: int | None = None
             ) -> list[Objection]:
        """Oldest first: those the actor's companies raised or whose plan they hold."""
        query = select(objections)
        if companies is not None:
            query = query.where(or_(objections.c.company_id.in_(companies),
                                    objections.c.plan_company_id.in_(companies)))
        if order_no:
            query = query.where(objections.c.order_no == order_no)
        if status:
            query = query.where(objections.c.status == status)
        query = query.order_by(objections.c.raised_at, objections.c.objection_no)
        return [self._record(r) for r in self.session.execute(query.limit(limit)).all()]
