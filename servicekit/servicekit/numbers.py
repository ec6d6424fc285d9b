"""Business numbers (rule X-4): readable, per company and kind, e.g. `PO-P1-000001`.

One counter row per (kind, company) in the runtime table `business_number`.
`next` draws with a single atomic upsert
(`INSERT ... ON CONFLICT DO UPDATE SET last_value = last_value + 1 RETURNING`):
on PostgreSQL two workers drawing a company's first number at once cannot
both insert (the second waits on the first's row and then increments it), and
the row stays locked until commit, so numbers are gap-free among committed
transactions; a rollback gives its number back. SQLite serialises writers
anyway (BEGIN IMMEDIATE, db.WriteGate); it runs the same statement from 3.35 on
and a plain update-or-insert before that.
"""

from __future__ import annotations

import sqlite3

from sqlalchemy import Table, insert, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

SQLITE_HAS_UPSERT_RETURNING = sqlite3.sqlite_version_info >= (3, 35, 0)


def business_number(kind: str, company_id: str, value: int, *, width: int = 6) -> str:
    """`PO`, `P1`, 7 -> `PO-P1-000007`."""
    return f"{kind}-{company_id}-{value:0{width}d}"


class BusinessNumbers:
    """`uow.numbers.next("PO", company_id)` -> "PO-P1-000001", "PO-P1-000002", ..."""

    def __init__(self, session: Session, table: Table):
        self.session = session
        self.table = table

    def next(self, kind: str, company_id: str, *, width: int = 6) -> str:
        return business_number(kind, company_id, self.next_value(kind, company_id),
                               width=width)

    def next_value(self, kind: str, company_id: str) -> int:
        """The counter's next value (1 for a company's first of a kind)."""
        dialect = self.session.get_bind().dialect.name
        if dialect == "postgresql":
            return self._upsert(postgresql.insert, kind, company_id)
        if dialect == "sqlite" and SQLITE_HAS_UPSERT_RETURNING:
            return self._upsert(sqlite.insert, kind, company_id)
        return self._update_or_insert(kind, company_id)

    def _upsert(self, dialect_insert, kind: str, company_id: str) -> int:
        table = self.table
        statement = dialect_insert(table).values(kind=kind, company_id=company_id, last_value=1)
        statement = statement.on_conflict_do_update(
            index_elements=[table.c.kind, table.c.company_id],
            set_={"last_value": table.c.last_value + 1},
        ).returning(table.c.last_value)
        return self.session.execute(statement).scalar_one()

    def _update_or_insert(self, kind: str, company_id: str) -> int:
        # SQLite before 3.35 (no RETURNING): safe only because SQLite writers are
        # serialised (BEGIN IMMEDIATE under the write gate), which they always are here.
        table = self.table
        where = (table.c.kind == kind, table.c.company_id == company_id)
        current = self.session.execute(
            select(table.c.last_value).where(*where)).scalar_one_or_none()
        if current is None:
            self.session.execute(insert(table).values(kind=kind, company_id=company_id,
                                                      last_value=1))
            return 1
        self.session.execute(update(table).where(*where).values(last_value=current + 1))
        return current + 1
