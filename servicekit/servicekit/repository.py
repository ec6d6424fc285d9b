"""What every service's repositories share (`adapters/repository.py`).

    class SqlRequestRepository(TableRepository):
        table, key, record = requests, "request_no", ServiceRequest

`Repository` holds the unit of work's session; `TableRepository` keeps records as
rows of one table found by a key column (`add`, `save`, `get`, `_where` for the
records of an order or the like; `_row` maps a record to its row, `_record` a row to
its record, field by field unless overridden);
`visible_to` scopes a list to the actor's companies and to the filters given.
"""

from __future__ import annotations

from typing import Any, ClassVar

from sqlalchemy import Select, Table, insert, select, update
from sqlalchemy.orm import Session


class Repository:
    """A repository over the unit of work's session."""

    def __init__(self, session: Session):
        self.session = session


class TableRepository(Repository):
    """Records kept as rows of `table`, each found by its `key` column."""

    table: ClassVar[Table]
    key: ClassVar[str]
    record: ClassVar[type]

    @staticmethod
    def _row(record: Any) -> dict:
        """The record's row: its fields (override where a column differs)."""
        return dict(record.__dict__)

    def _record(self, row) -> Any:
        """The record a row holds: `record` built from the columns (override where one
        differs)."""
        return self.record(**row._mapping)

    def get(self, key_value: str, *, for_update: bool = False) -> Any | None:
        """The record of that key (locked for this transaction with `for_update`), or None."""
        query = select(self.table).where(self.table.c[self.key] == key_value)
        row = self.session.execute(query.with_for_update() if for_update else query).first()
        return None if row is None else self._record(row)

    def _where(self, column: str, value: Any, *order_by: str) -> list:
        """The records whose `column` holds `value`, ordered by the `order_by` columns:
        `self._where("order_no", order_no, "received_at")`."""
        query = (select(self.table).where(self.table.c[column] == value)
                 .order_by(*(self.table.c[name] for name in order_by)))
        return [self._record(row) for row in self.session.execute(query).all()]

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
