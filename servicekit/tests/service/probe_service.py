"""A consumer of `sales.order_received` whose behaviour each test sets.

It stands in the catalog's consumer slot ("planning"), records every event
it handles in its own table, and can be told to fail or to stall.
"""

from __future__ import annotations

import eventlet
from servicekit.events import event_handler
from servicekit.runtime import UnitOfWorkProvider
from servicekit.service import ServiceBase
from servicekit.uow import UnitOfWork
from sqlalchemy import Column, Integer, MetaData, String, Table, func, insert, select

metadata = MetaData()
handled = Table(
    "probe_handled", metadata,
    Column("id", Integer, primary_key=True),
    Column("event_id", String(36), nullable=False),
    Column("order_no", String(64)),
)


class Behaviour:
    """Module-level knobs: tests set them before starting the container."""

    fail_times = 0          # raise on the first N attempts
    attempts: list = []     # monotonic time of each attempt
    stall_after_commit = 0  # seconds to sleep after committing (to kill mid-handler)

    @classmethod
    def reset(cls):
        cls.fail_times = 0
        cls.attempts = []
        cls.stall_after_commit = 0


class ProbeUnitOfWork(UnitOfWork):
    def record(self, event_id: str, order_no: str | None) -> None:
        self.session.execute(insert(handled).values(event_id=event_id, order_no=order_no))

    def count(self) -> int:
        return self.session.execute(select(func.count()).select_from(handled)).scalar_one()


class ProbeService(ServiceBase):
    name = "planning"
    uow = UnitOfWorkProvider(ProbeUnitOfWork, metadata)

    @event_handler("sales.order_received")
    def on_order_received(self, event, payload):
        Behaviour.attempts.append(eventlet.hubs.get_hub().clock())
        if len(Behaviour.attempts) <= Behaviour.fail_times:
            raise RuntimeError(f"planned failure #{len(Behaviour.attempts)}")
        with self.uow:
            self.uow.record(str(event.event_id), event.order_no)
            self.uow.commit()
        if Behaviour.stall_after_commit:
            eventlet.sleep(Behaviour.stall_after_commit)


def handled_count(engine_url: str) -> int:
    from servicekit.db import make_engine

    engine = make_engine(engine_url)
    try:
        with engine.connect() as conn:
            metadata.create_all(conn)
            return conn.execute(select(func.count()).select_from(handled)).scalar_one()
    finally:
        engine.dispose()
