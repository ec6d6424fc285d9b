"""Closings (PLN-13) in and out of planning's database, and the facts of a period the
production statistics count (PLN-14). The table is planning's (migration 0012_closing)."""

from __future__ import annotations

import json
from datetime import datetime
from decimal import Decimal

from sqlalchemy import Column, Numeric, String, Table, Text, and_, exists, or_, select

from planning.adapters.repository import _build
from planning.adapters.tables import metadata, operations, plans, rework_orders, work_orders
from planning.domain.closing import Closing, ClosingLine
from planning.domain.rework_orders import ReworkOrder
from planning.domain.statistics import ClosingFact, OrderFact
from planning.domain.work_orders import PlannedOperation, WorkOrder
from servicekit.repository import Repository, TableRepository, rows_by
from servicekit.tables import UtcDateTime

closings = Table(
    "planning_closing", metadata,
    Column("closing_no", String(64), primary_key=True),
    Column("order_no", String(64), nullable=False, unique=True),
    Column("plan_no", String(32), nullable=False),
    Column("company_id", String(32), nullable=False, index=True),
    Column("closed_by", String(64), nullable=False),
    Column("closed_at", UtcDateTime(), nullable=False, index=True),
    Column("planned_completion", UtcDateTime(), nullable=False),
    Column("completed_at", UtcDateTime(), nullable=False),
    Column("lines", Text, nullable=False),  # JSON: [{product_code, planned, produced, ...}]
    Column("unattributed_scrapped", Numeric(15, 3), nullable=False),
    Column("reworked_quantity", Numeric(15, 3), nullable=False),
    Column("scrap_records", Text, nullable=False),  # JSON: [SCR numbers]
    Column("standard_hours", Numeric(15, 2), nullable=False),
    Column("earned_hours", Numeric(15, 2), nullable=False),
    Column("actual_hours", Numeric(15, 2), nullable=True),
    Column("actual_cost", Numeric(17, 2), nullable=False),
    Column("planned_cost", Numeric(17, 2), nullable=True),
    Column("currency", String(3), nullable=False),
    Column("note", Text, nullable=False),
    Column("cost_basis", Text, nullable=False),
    Column("work_centres", Text, nullable=False),  # JSON: [codes the plan's operations use]
)

_LINE_FIELDS = ("product_code", "planned_quantity", "produced_quantity", "scrapped_quantity")


class SqlClosingRepository(TableRepository):
    table, key, record = closings, "closing_no", Closing

    @staticmethod
    def _row(record: Closing) -> dict:
        row = {column.key: getattr(record, column.key) for column in closings.columns}
        row["lines"] = json.dumps([{name: str(getattr(line, name)) for name in _LINE_FIELDS}
                                   for line in record.lines])
        row["scrap_records"] = json.dumps(record.scrap_records)
        row["work_centres"] = json.dumps(record.work_centres)
        return row

    def _record(self, row) -> Closing:
        values = dict(row._mapping)
        values["lines"] = [ClosingLine(line["product_code"],
                                       *(Decimal(line[n]) for n in _LINE_FIELDS[1:]))
                           for line in json.loads(values["lines"])]
        values["scrap_records"] = json.loads(values["scrap_records"])
        values["work_centres"] = json.loads(values["work_centres"])
        return Closing(**values)

    def for_order(self, order_no: str) -> Closing | None:
        found = self._where("order_no", order_no, "closing_no")
        return found[0] if found else None

    def closed_between(self, companies, start: datetime, end: datetime) -> list[ClosingFact]:
        query = select(closings.c.order_no, closings.c.company_id, closings.c.closed_at,
                       closings.c.earned_hours, closings.c.actual_hours).where(
            closings.c.closed_at >= start, closings.c.closed_at < end)
        if companies is not None:
            query = query.where(closings.c.company_id.in_(companies))
        return [ClosingFact(*row) for row in self.session.execute(query).all()]


class SqlProductionFacts(Repository):
    """What happened on the shop floor in a period, for the statistics (PLN-14)."""

    @staticmethod
    def _companies(query, table, companies):
        return query if companies is None else query.where(table.c.company_id.in_(companies))

    def work_orders_between(self, companies, start: datetime, end: datetime
                            ) -> list[WorkOrder]:
        """Work orders planned to finish, done, or with an operation in [start, end)."""
        operating = exists().where(operations.c.work_order_no == work_orders.c.work_order_no,
                                   operations.c.planned_start < end,
                                   operations.c.planned_finish > start)
        query = self._companies(select(work_orders), work_orders, companies).where(or_(
            and_(work_orders.c.planned_finish >= start, work_orders.c.planned_finish < end),
            and_(work_orders.c.done_at >= start, work_orders.c.done_at < end),
            operating)).order_by(work_orders.c.work_order_no)
        rows = self.session.execute(query).all()
        ops = rows_by(self.session, operations, "work_order_no",
                      [row.work_order_no for row in rows], "step")
        return [_build(WorkOrder, row, note=row.note or "", operations=tuple(
            _build(PlannedOperation, op) for op in ops.get(row.work_order_no, [])))
            for row in rows]

    def orders_stocked_between(self, companies, start: datetime, end: datetime
                               ) -> list[OrderFact]:
        query = self._companies(select(plans.c.order_no, plans.c.company_id,
                                       plans.c.planned_completion, plans.c.stocked_at),
                                plans, companies).where(plans.c.stocked_at >= start,
                                                        plans.c.stocked_at < end)
        return [OrderFact(*row) for row in self.session.execute(query).all()]

    def records_between(self, companies, start: datetime, end: datetime
                        ) -> list[ReworkOrder]:
        query = self._companies(select(rework_orders), rework_orders, companies).where(
            rework_orders.c.created_at >= start, rework_orders.c.created_at < end)
        return [ReworkOrder(**row._mapping) for row in self.session.execute(query).all()]

    def centres_of_orders(self, order_nos) -> dict[str, frozenset[str]]:
        """Every work centre each order's operations use."""
        found: dict[str, set[str]] = {}
        order_nos = sorted(set(order_nos))
        for i in range(0, len(order_nos), 500):  # bounded IN lists
            query = (select(work_orders.c.order_no, operations.c.work_centre).distinct()
                     .join(operations, operations.c.work_order_no == work_orders.c.work_order_no)
                     .where(work_orders.c.order_no.in_(order_nos[i:i + 500])))
            for order_no, centre in self.session.execute(query).all():
                found.setdefault(order_no, set()).add(centre)
        return {order_no: frozenset(centres) for order_no, centres in found.items()}
