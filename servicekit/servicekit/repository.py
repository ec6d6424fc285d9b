"""What every service's repositories share (`adapters/repository.py`).

    class SqlRequestRepository(TableRepository):
        table, key = requests, "request_no"

`Repository` holds the unit of work's session; `TableRepository` keeps records as
rows of one table found by a key column (`add`, `save`; `_row` maps a record to its
row, its fields by default); `visible_to` scopes a list to the actor's companies and
to the filters given.
"""

from __future__ import annotations

from typing import Any, ClassVar

from sqlalchemy import Select, Table, insert, update
from sqlalchemy.orm import Session


class Repository:
    """A repository over the unit of work's session."""

    def __init__(self, session: Session):
        self.session = session


class TableRepository(Repository):
    """Records kept as rows of `table`, each found by its `key` column."""

    table: ClassVar[Table]
    key: ClassVar[str]

    @staticmethod
    def _row(record: Any) -> dict:
        """The record's row: its fields (override where a column differs)."""
        return dict(record.__dict__)

    def add(self, record: Any) -> None:
        self.session.execute(insert(self.table).values(**self._row(record)))

    def save(self, record: Any) -> None:
        self.session.execute(update(self.table)
                             .where(self.table.c[self.key] == getattr(record, self.key))
                             .values(**self._row(record)))


def visible_to(query: Select, table: Table, companies: list[str] | None,
               **equal_to: str | None) -> Select:
    """`query` narrowed to the rows of the actor's companies (None: group-wide) and, for
    each column named, to the value given (None or "": any), e.g. `status=status`."""
    if companies is not None:
        query = query.where(table.c.company_id.in_(companies))
    for column, value in equal_to.items():
        if value:
            query = query.where(table.c[column] == str(value))
    return query
