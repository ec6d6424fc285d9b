"""What every service's repositories share (`adapters/repository.py`).

    class SqlRequestRepository(TableRepository):
        table, key, record = requests, "request_no", ServiceRequest

`Repository` holds the unit of work's session; `TableRepository` keeps records as
rows of one table found by a key column (`add`, `save`, `get`, `_where` for the
records of an order or the like; `_row` maps a record to its row, `_record` a row to
its record, field by field unless overridden);
`visible_to` scopes a list to the actor's companies and to the filters given;
`keyset_page` cuts a list to the page after a cursor (the last key seen) and
`rows_by` loads the related rows of a whole page in one query (issue 16: a page's cost
does not grow with the history, nor with its rows' children).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from functools import lru_cache
from typing import Any, ClassVar

from sqlalchemy import Select, Table, and_, bindparam, insert, or_, select, tuple_, update
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
        row = self.session.execute(row_of(self.table, self.key, for_update),
                                   {"value": key_value}).first()
        return None if row is None else self._record(row)

    def _where(self, column: str, value: Any, *order_by: str) -> list:
        """The records whose `column` holds `value`, ordered by the `order_by` columns:
        `self._where("order_no", order_no, "received_at")`."""
        rows = self.session.execute(rows_where(self.table, column, order_by), {"value": value})
        return [self._record(row) for row in rows.all()]

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


def keyset_page(query: Select, table: Table, key: str, after: str | None, limit: int,
                *order: tuple[str, str]) -> Select:
    """`query` ordered by `order` ((column, "asc" | "desc"), ..., ending with the unique
    `key`) and cut to the `limit` rows after the row whose `key` is `after` (None: the
    first page). The cursor is the last key the caller saw, so any list item is one; the
    database seeks to it by index, whatever the number of rows before it."""
    columns = [(table.c[name], direction) for name, direction in order]
    if after is not None:
        anchor = {name: select(table.c[name]).where(table.c[key] == after).scalar_subquery()
                  for name, _ in order}
        directions = {direction for _, direction in order}
        if len(directions) == 1:  # a row-value comparison: one index range scan
            keys = tuple_(*(column for column, _ in columns))
            at = tuple_(*(anchor[name] for name, _ in order))
            query = query.where(keys < at if directions == {"desc"} else keys > at)
        else:
            later = []
            for index, (column, direction) in enumerate(columns):
                equal = [col == anchor[col.key] for col, _ in columns[:index]]
                beyond = column < anchor[column.key] if direction == "desc" \
                    else column > anchor[column.key]
                later.append(and_(*equal, beyond))
            query = query.where(or_(*later))
    return query.order_by(*(column.desc() if direction == "desc" else column.asc()
                            for column, direction in columns)).limit(limit)


@lru_cache(maxsize=1024)
def row_of(table: Table, key: str, for_update: bool = False) -> Select:
    """The select of a row by its key (bound as `value`), built once per table: a
    statement object reused is compiled and cache-keyed once (issue 16: reads are most
    of what a service does, and building the statement cost as much as running it)."""
    query = rows_where(table, key)
    return query.with_for_update() if for_update else query


@lru_cache(maxsize=1024)
def rows_where(table: Table, column: str, order_by: tuple[str, ...] = ()) -> Select:
    """The select of the rows whose `column` holds one value (bound as `value`), ordered
    by `order_by`: built once per table and column."""
    return (select(table).where(table.c[column] == bindparam("value"))
            .order_by(*(table.c[name] for name in order_by)))


@lru_cache(maxsize=1024)
def _rows_in(table: Table, column: str, order_by: tuple[str, ...]) -> Select:
    return (select(table).where(table.c[column].in_(bindparam("values", expanding=True)))
            .order_by(*(table.c[name] for name in order_by)))


def rows_by(session, table: Table, column: str, values: Iterable, *order_by: str) -> dict:
    """{value: [rows]} of `table` whose `column` is one of `values`, each list ordered by
    `order_by`: one query for the children of a whole page instead of one per row."""
    values = list(values)
    grouped: dict = defaultdict(list)
    if values:
        for row in session.execute(_rows_in(table, column, order_by), {"values": values}):
            grouped[getattr(row, column)].append(row)
    return grouped
