"""Sales' change notices and the order-line revisions they make (SAL-8)."""

from __future__ import annotations

from sqlalchemy import func, select

from sales.adapters.tables import change_notices, order_revisions
from sales.domain.change_notices import OPEN, ChangeNotice
from servicekit.repository import TableRepository


class SqlChangeNotices(TableRepository):
    table, key, record = change_notices, "change_no", ChangeNotice

    def for_order(self, order_no: str, limit: int = 100) -> list[ChangeNotice]:
        return self._where("order_no", order_no, "received_at", "change_no")[:limit]

    def open_for_order(self, order_no: str) -> int:
        return self.session.execute(select(func.count()).where(
            change_notices.c.order_no == order_no,
            change_notices.c.status.in_(OPEN))).scalar_one()


class SqlOrderRevisions(TableRepository):
    """Every revision of an order's lines (the first one is written with the first change
    that replaces it)."""

    table, key, record = order_revisions, "order_no", dict

    _row = staticmethod(dict)

    def _record(self, row) -> dict:
        return dict(row._mapping)

    def for_order(self, order_no: str, limit: int = 100) -> list[dict]:
        return self._where("order_no", order_no, "revision")[:limit]

    def current(self, order_no: str) -> int:
        latest = self.session.execute(select(func.max(order_revisions.c.revision)).where(
            order_revisions.c.order_no == order_no)).scalar_one()
        return latest or 1

    def write(self, order_no: str, revision: int, lines: list[dict], change_no: str | None,
               at) -> None:
        self.add({"order_no": order_no, "revision": revision, "lines": lines,
                  "change_no": change_no, "recorded_at": at})
