"""Installations in and out of after-sales' database (AFS-3)."""

from __future__ import annotations

from sqlalchemy import select

from aftersales.adapters.tables import installations
from aftersales.domain.installations import Installation
from servicekit.repository import TableRepository, visible_to


class SqlInstallationRepository(TableRepository):
    table, key, record = installations, "installation_no", Installation

    def for_order(self, order_no: str) -> list[Installation]:
        return self._where("order_no", order_no, "scheduled_at", "installation_no")

    def list(self, companies, *, order_no: str | None, status: str | None,
             limit: int) -> list[Installation]:
        """The soonest scheduled first."""
        query = visible_to(select(installations), installations, companies,
                           order_no=order_no, status=status).order_by(
            installations.c.scheduled_on, installations.c.installation_no).limit(limit)
        return [self._record(row) for row in self.session.execute(query).all()]
