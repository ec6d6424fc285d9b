"""Probe services for servicekit's own tests, independent of the department services.

`ProbeProducer` stands in the catalog's producer slot of `sales.order_received`
("sales") and `ProbeService` in its consumer slot ("planning"). The consumer
records every event it handles in its own table and can be told to fail or
to stall.
"""

from __future__ import annotations

import eventlet
from nameko.rpc import rpc
from sqlalchemy import Column, Integer, String, Table, func, insert, select

from contracts.errors import EXPECTED_ERRORS, InvalidRequest
from contracts.events.sales import OrderReceived
from servicekit.events import event_handler
from servicekit.runtime import UnitOfWorkProvider
from servicekit.service import ServiceBase
from servicekit.tables import service_metadata
from servicekit.testing import order_received_envelope
from servicekit.uow import UnitOfWork

metadata = service_metadata()
handled = Table(
    "probe_handled", metadata,
    Column("id", Integer, primary_key=True),
    Column("event_id", String(36), nullable=False),
    Column("order_no", String(64)),
)
producer_metadata = service_metadata()
produced = Table("probe_produced", producer_metadata,
                 Column("order_no", String(64), primary_key=True))


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


class ProbeProducer(ServiceBase):
    """Records an 'order' and emits `sales.order_received` in the same transaction."""

    name = "sales"
    uow = UnitOfWorkProvider(UnitOfWork, producer_metadata)

    @rpc(expected_exceptions=EXPECTED_ERRORS)
    def place_order(self, order_no: str, commit: bool = True):
        if not order_no.startswith("SO-"):
            raise InvalidRequest("order numbers start with SO-", {"field": "order_no"})
        envelope = order_received_envelope(order_no)
        with self.uow:
            self.uow.session.execute(insert(produced).values(order_no=order_no))
            self.uow.emit("sales.order_received", OrderReceived.model_validate(envelope.payload),
                          company_id="P1", order_no=order_no)
            if not commit:
                raise RuntimeError("use case failed after emitting")
            self.uow.commit()
        return {"order_no": order_no}


def handled_count(engine_url: str) -> int:
    from servicekit.db import make_engine

    engine = make_engine(engine_url)
    try:
        with engine.connect() as conn:
            metadata.create_all(conn)
            return conn.execute(select(func.count()).select_from(handled)).scalar_one()
    finally:
        engine.dispose()
