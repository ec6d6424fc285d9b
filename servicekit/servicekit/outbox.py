"""Publishing the outbox: right after commit, and by a relay for rows left behind.

Publishes use publisher confirms and `mandatory`, so a message the broker did
not take, or could not route to any queue, raises instead of vanishing; the
row then stays unpublished and the relay tries again.
"""

from __future__ import annotations

import json
import logging
from datetime import UTC, datetime, timedelta

from nameko.amqp.publish import Publisher
from sqlalchemy import Engine, func, select, update

from servicekit import metrics
from servicekit.db import WriteGate
from servicekit.topology import EVENTS_EXCHANGE
from servicekit.tracing import publish_span

log = logging.getLogger(__name__)


class Outbox:
    def __init__(self, engine: Engine, gate: WriteGate, table, service: str, amqp_uri: str):
        self.engine = engine
        self.gate = gate
        self.table = table
        self.service = service
        self.publisher = Publisher(amqp_uri, use_confirms=True, mandatory=True)

    def publish(self, row_ids: list[int]) -> int:
        """Publish the given rows if still unpublished; returns how many were sent."""
        table = self.table
        with self.engine.connect() as conn:
            rows = conn.execute(
                select(table).where(table.c.id.in_(row_ids), table.c.published_at.is_(None))
                .order_by(table.c.id)
            ).all()
        sent = 0
        for row in rows:
            try:
                self._publish_row(row)
            except Exception as exc:  # broker down, unroutable: the relay retries
                log.warning("outbox publish of %s failed: %s", row.event_id, exc)
                self._mark(row.id, error=repr(exc))
                continue
            self._mark(row.id, published=True)
            sent += 1
        return sent

    def relay(self, older_than: timedelta = timedelta(seconds=2), batch: int = 200) -> int:
        """Re-publish rows a crash or outage left behind."""
        table = self.table
        cutoff = datetime.now(UTC) - older_than
        with self.engine.connect() as conn:
            ids = conn.execute(
                select(table.c.id)
                .where(table.c.published_at.is_(None), table.c.created_at < cutoff)
                .order_by(table.c.id).limit(batch)
            ).scalars().all()
        sent = self.publish(list(ids)) if ids else 0
        metrics.OUTBOX_BACKLOG.labels(self.service).set(self.backlog())
        return sent

    def backlog(self) -> int:
        with self.engine.connect() as conn:
            return conn.execute(
                select(func.count()).select_from(self.table)
                .where(self.table.c.published_at.is_(None))
            ).scalar_one()

    def _publish_row(self, row) -> None:
        with publish_span(row.event_type, row.order_no, row.headers) as trace_headers:
            self.publisher.publish(
                json.loads(row.body),
                exchange=EVENTS_EXCHANGE,
                routing_key=row.event_type,
                message_id=row.event_id,
                headers={**trace_headers, "nameko.event_type": row.event_type},
            )
        metrics.EVENTS_PUBLISHED.labels(self.service, row.event_type).inc()

    def _mark(self, row_id: int, *, published: bool = False, error: str | None = None) -> None:
        values = {"attempts": self.table.c.attempts + 1}
        if published:
            values["published_at"] = datetime.now(UTC)
        else:
            values["last_error"] = error
        with self.gate.writing(), self.engine.execution_options(write=True).begin() as conn:
            if conn.dialect.name == "postgresql":
                # Losing this mark in a crash only means one more publish, which the
                # consumers' inbox absorbs: not worth a synchronous disk flush.
                conn.exec_driver_sql("SET LOCAL synchronous_commit TO OFF")
            conn.execute(update(self.table).where(self.table.c.id == row_id).values(**values))
