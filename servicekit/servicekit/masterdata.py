"""Master data kept by its owner (issue 17): the audit of every change and the paging of
its lists, the same in every service.

    masterdata.audit(uow, "customer", ("P1", "CUST-9"), company_id="P1", action="created",
                     actor=actor.username, before=None, after=record)
    masterdata.changes(uow, "customer", ("P1", "CUST-9"))
    masterdata.page(uow.session, query, offset=0, limit=100)  # (rows, total)

A record is retired, never deleted, when history may reference it: orders keep their
customer's code, plans their product's.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from typing import Any

from sqlalchemy import func, insert, or_, select

from servicekit import clock

KEY_SEPARATOR = "/"


def record_key(key: Iterable[Any]) -> str:
    """A record's key as the audit stores it: its parts joined by '/'."""
    return KEY_SEPARATOR.join(str(part) for part in key)


def plain(value: Any) -> Any:
    """JSON-able: decimals and dates as text, enums by value, containers element-wise."""
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Enum):
        return value.value
    return value


def audit(uow, kind: str, key: Iterable[Any], *, company_id: str | None, action: str,
          actor: str, before: dict | None, after: dict | None,
          at: datetime | None = None) -> None:
    """Record a change in the transaction of the change itself."""
    uow.session.execute(insert(uow.tables["master_data_change"]).values(
        kind=kind, record_key=record_key(key), company_id=company_id, action=action,
        actor=actor, at=clock.now(at), before=plain(before), after=plain(after)))


def changes(uow, kind: str, key: Iterable[Any], *, offset: int = 0,
            limit: int = 100) -> list[dict]:
    """The changes of one record, oldest first."""
    table = uow.tables["master_data_change"]
    rows = uow.session.execute(
        select(table).where(table.c.kind == kind, table.c.record_key == record_key(key))
        .order_by(table.c.id).offset(offset).limit(limit))
    return [{"kind": row.kind, "key": row.record_key, "action": row.action,
             "actor": row.actor, "at": row.at, "before": row.before, "after": row.after}
            for row in rows]


def searched(query, columns, search: str | None):
    """The query narrowed to rows where any of `columns` contains `search` (any case)."""
    if not search:
        return query
    pattern = f"%{search.lower()}%"
    return query.where(or_(*(func.lower(column).like(pattern) for column in columns)))


def page(session, query, *, offset: int, limit: int) -> tuple[list, int]:
    """One page of a query's rows, and how many rows the whole query has."""
    total = session.execute(select(func.count()).select_from(query.order_by(None)
                                                             .subquery())).scalar_one()
    return session.execute(query.offset(offset).limit(limit)).all(), total
