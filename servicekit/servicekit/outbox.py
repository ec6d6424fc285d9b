"""Publishing the outbox: in the background after commit, and by a relay for rows left behind.

A committed use case answers its caller at once (issue 16): `after_commit` only hands
the new rows' ids to a background publisher, which takes every id waiting, publishes
those rows in one batch on a confirm-mode channel (one round trip of confirms per
batch, servicekit.confirms) and marks them in one UPDATE. Messages are published
`mandatory`: one the broker did not take, or could not route to any queue, stays
unpublished and the relay tries again — nothing is lost, and a process killed before
its queue drained leaves rows the relay finds.

Order per aggregate: one publisher per process publishes rows in id (commit) order, one
batch at a time, on one channel (whose messages the broker keeps in order); a row the
broker refused waits for the relay, which re-publishes oldest first. With several
instances of a service the relay claims its rows (`FOR UPDATE SKIP LOCKED` on
PostgreSQL) so two relays do not publish the same rows; a row published twice anyway
(a race with a late background batch) is absorbed by the consumers' inbox.
"""

from __future__ import annotations

import logging
import queue
import threading
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from sqlalchemy import Engine, func, select, update

from servicekit import metrics
from servicekit.confirms import ConfirmedChannel, Outgoing
from servicekit.db import WriteGate
from servicekit.topology import EVENTS_EXCHANGE
from servicekit.tracing import publish_span

log = logging.getLogger(__name__)

BATCH = 500  # rows per confirm round trip: bounded so one batch never holds a channel long
_STOP = object()


class Outbox:
    def __init__(self, engine: Engine, gate: WriteGate, table, service: str, amqp_uri: str):
        self.engine = engine
        self.gate = gate
        self.table = table
        self.service = service
        self.channel = ConfirmedChannel(amqp_uri)
        self._waiting: queue.Queue | None = None  # the background publisher's ids
        self._publishing = threading.Lock()  # one batch on the channel at a time
        self._stopped = threading.Event()

    # -- the background publisher ------------------------------------------------------
    def start(self, spawn: Callable[[Callable[[], None]], object] | None = None) -> None:
        """Publish after commit in the background from now on; `spawn(run)` runs the loop
        (nameko: the container's managed thread; default: a daemon thread)."""
        self._waiting = queue.Queue()
        self._stopped.clear()
        if spawn is None:
            threading.Thread(target=self.run, name=f"{self.service}-outbox", daemon=True).start()
        else:
            spawn(self.run)

    def after_commit(self, row_ids: list[int]) -> None:
        """The use case committed these rows: publish them (in the background once started)."""
        if self._waiting is None:
            self.publish(row_ids)
        else:
            self._waiting.put(row_ids)

    def run(self) -> None:
        """Until `stop`: take every id waiting, publish them as one batch."""
        try:
            while True:
                first = self._waiting.get()
                if first is _STOP:
                    return
                ids, stop = list(first), False
                while len(ids) < BATCH:
                    try:
                        more = self._waiting.get_nowait()
                    except queue.Empty:
                        break
                    if more is _STOP:
                        stop = True
                        break
                    ids.extend(more)
                try:
                    self.publish(ids)
                except Exception:  # a database hiccup: the rows stay for the relay
                    log.exception("outbox batch of %d failed; the relay will retry", len(ids))
                if stop:
                    return
        finally:
            self._stopped.set()

    def stop(self, timeout: float = 3.0) -> None:
        """Publish what is waiting (for `timeout` at most: the relay has the rest after a
        restart), then stop the background publisher."""
        if self._waiting is not None:
            self._waiting.put(_STOP)
            self._stopped.wait(timeout)
            self._waiting = None
        self.channel.close()

    # -- publishing --------------------------------------------------------------------
    def publish(self, row_ids: list[int], *, claim=None) -> int:
        """Publish the given rows if still unpublished, in one confirmed batch; returns how
        many the broker took. `claim` is an open transaction whose locks hold the rows."""
        table = self.table
        query = (select(table).where(table.c.id.in_(row_ids), table.c.published_at.is_(None))
                 .order_by(table.c.id))
        if claim is not None:
            rows = claim.execute(query).all()
        else:
            with self.engine.connect() as conn:
                rows = conn.execute(query).all()
        if not rows:
            return 0
        with self._publishing:
            try:
                refusals = self.channel.publish_all([self._outgoing(row) for row in rows])
            except Exception as exc:  # broker down: the relay retries them all
                log.warning("outbox publish of %d rows failed: %s", len(rows), exc)
                refusals = [repr(exc)] * len(rows)
        published = [row.id for row, refusal in zip(rows, refusals, strict=True)
                     if refusal is None]
        failed = {row.id: refusal for row, refusal in zip(rows, refusals, strict=True)
                  if refusal is not None}
        for row, refusal in zip(rows, refusals, strict=True):
            if refusal is None:
                metrics.EVENTS_PUBLISHED.labels(self.service, row.event_type).inc()
        self._mark(published, failed, claim)
        return len(published)

    def relay(self, older_than: timedelta = timedelta(seconds=2), batch: int = 200) -> int:
        """Re-publish rows a crash or outage left behind, oldest first; rows another
        instance's relay holds are skipped (competing consumers)."""
        table = self.table
        cutoff = datetime.now(UTC) - older_than
        query = (select(table.c.id)
                 .where(table.c.published_at.is_(None), table.c.created_at < cutoff)
                 .order_by(table.c.id).limit(batch))
        if self.engine.dialect.name != "postgresql":  # one process per SQLite file
            with self.engine.connect() as conn:
                ids = conn.execute(query).scalars().all()
            sent = self.publish(list(ids)) if ids else 0
        else:
            with self.engine.begin() as conn:
                ids = conn.execute(query.with_for_update(skip_locked=True)).scalars().all()
                sent = self.publish(list(ids), claim=conn) if ids else 0
        metrics.OUTBOX_BACKLOG.labels(self.service).set(self.backlog())
        return sent

    def backlog(self) -> int:
        with self.engine.connect() as conn:
            return conn.execute(
                select(func.count()).select_from(self.table)
                .where(self.table.c.published_at.is_(None))
            ).scalar_one()

    def _outgoing(self, row) -> Outgoing:
        with publish_span(row.event_type, row.order_no, row.headers) as trace_headers:
            return Outgoing(row.body, EVENTS_EXCHANGE.name, row.event_type, row.event_id,
                            {**trace_headers, "nameko.event_type": row.event_type})

    def _mark(self, published: list[int], failed: dict[int, str], claim=None) -> None:
        """One UPDATE for the published rows, one per reason for the failed ones."""
        if not published and not failed:
            return
        table = self.table
        attempts = {"attempts": table.c.attempts + 1}
        statements = []
        if published:
            statements.append(update(table).where(table.c.id.in_(published))
                              .values(published_at=datetime.now(UTC), **attempts))
        for reason in set(failed.values()):
            ids = [row_id for row_id, why in failed.items() if why == reason]
            statements.append(update(table).where(table.c.id.in_(ids))
                              .values(last_error=reason, **attempts))
        if claim is not None:
            for statement in statements:
                claim.execute(statement)
            return
        with self.gate.writing(), self.engine.execution_options(write=True).begin() as conn:
            if conn.dialect.name == "postgresql":
                # Losing this mark in a crash only means one more publish, which the
                # consumers' inbox absorbs: not worth a synchronous disk flush.
                conn.exec_driver_sql("SET LOCAL synchronous_commit TO OFF")
            for statement in statements:
                conn.execute(statement)
