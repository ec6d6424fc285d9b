"""nameko glue: the dependency providers every service declares.

If nameko is ever replaced, this module (with events.py) is what changes.
"""

from __future__ import annotations

import time
from contextlib import contextmanager
from dataclasses import dataclass

from kombu import Connection
from nameko.extensions import DependencyProvider
from nameko.timer import Timer
from sqlalchemy import MetaData, select, text

from servicekit import actors, business_metrics, demo_data, metrics, migrations, topology, tracing
from servicekit.db import WriteGate, make_engine
from servicekit.events import EventHandler
from servicekit.outbox import Outbox
from servicekit.tables import runtime_tables
from servicekit.uow import Inbound, UnitOfWork

COMMAND_ID_HEADER = "command_id"


# pg_advisory_lock key: instances of a service starting together seed one at a time (the
# seed checks, then inserts: two at once would both insert).
_PG_SEED_LOCK = 0x6F72_6473 + 1


@contextmanager
def one_instance_at_a_time(engine, key: int):
    """Hold a PostgreSQL advisory lock for the block (SQLite: one process per file)."""
    if engine.dialect.name != "postgresql":
        yield
        return
    with engine.connect() as conn:
        conn.execute(text("SELECT pg_advisory_lock(:key)"), {"key": key})
        try:
            yield
        finally:
            conn.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": key})


class UnitOfWorkProvider(DependencyProvider):
    """Owns the service's engine and outbox; gives each worker a unit of work.

    `metadata` is the service's own tables; the runtime tables (outbox, inbox,
    deadline, business_number) are added to it. `migrations_dir` is the service's Alembic
    folder, run to head at start-up.
    """

    def __init__(self, uow_class: type[UnitOfWork], metadata: MetaData, migrations_dir=None,
                 seed=None):
        self.uow_class = uow_class
        self.metadata = metadata
        self.migrations_dir = migrations_dir
        self.tables = runtime_tables(metadata)
        # seed(uow, data): loads this service's part of the demo reference data,
        # idempotently, when DEMO_DATA is on (make run, tests).
        self.seed = seed

    def setup(self):
        config = self.container.config
        self.service = self.container.service_name
        self.engine = make_engine(config["DATABASE_URL"])
        self.gate = WriteGate(self.engine)
        migrations.upgrade(self.engine, self.metadata, self.migrations_dir)
        self.outbox = Outbox(self.engine, self.gate, self.tables["outbox"], self.service,
                             config["AMQP_URI"])
        self.exit_after_commit = bool(config.get("FAULT_EXIT_AFTER_COMMIT"))
        if self.seed is not None and config.get("DEMO_DATA"):
            with one_instance_at_a_time(self.engine, _PG_SEED_LOCK):  # competing instances
                self.seed(self.new_uow(), demo_data.load(config.get("DEMO_DATA_FILE")))

    def start(self):
        # Replies go out without waiting for the broker (issue 16): the outbox publishes
        # committed events in batches from its own green thread.
        self.outbox.start(self.container.spawn_managed_thread)

    def stop(self):
        """Workers are done by now: publish what they left waiting, then close."""
        self.outbox.stop()
        self.engine.dispose()

    def kill(self):
        self.outbox.channel.close()
        self.engine.dispose()

    def get_dependency(self, worker_ctx):
        inbound = None
        if isinstance(worker_ctx.entrypoint, EventHandler):
            envelope = worker_ctx.args[0]
            inbound = Inbound(str(envelope.event_id), envelope.event_type,
                              worker_ctx.entrypoint.handler_key)
        uow = self.new_uow(inbound)
        # The gateway's command id (servicekit.commands); nameko carries it as a header.
        uow.command_id = worker_ctx.data.get(COMMAND_ID_HEADER)
        return uow

    def new_uow(self, inbound: Inbound | None = None) -> UnitOfWork:
        uow = self.uow_class(
            self.engine, self.gate, self.tables, self.service,
            after_commit=self.outbox.after_commit,
            current_trace_headers=tracing.current_headers,
            inbound=inbound,
            exit_after_commit=self.exit_after_commit,
        )
        uow.runtime = self
        return uow

    def already_handled(self, event_id: str, handler: str) -> bool:
        inbox = self.tables["inbox"]
        with self.engine.connect() as conn:
            return conn.execute(
                select(inbox.c.id).where(inbox.c.event_id == event_id, inbox.c.handler == handler)
            ).first() is not None

    def ping(self) -> None:
        with self.engine.connect() as conn:
            conn.execute(text("SELECT 1"))


@dataclass(frozen=True)
class CallSettings:
    key: bytes  # verifies the gateway's signature on actors (servicekit.actors)
    fault_bug_methods: frozenset[str] = frozenset()  # test-only fault injection


class ActorKey(DependencyProvider):
    """What every RPC entrypoint needs from the config (servicekit.rpcs)."""

    def setup(self):
        config = self.container.config
        self.settings = CallSettings(actors.signing_key(config),
                                     frozenset(config.get("FAULT_BUG_METHODS") or ()))

    def get_dependency(self, worker_ctx):
        return self.settings


class EventTopology(DependencyProvider):
    """Declares every queue of the catalog before this service handles or publishes."""

    def setup(self):
        config = self.container.config
        with Connection(config["AMQP_URI"]) as conn:
            topology.declare_all(conn, tuple(config.get("EVENT_RETRY_DELAYS_MS", ())))
        metrics.serve(int(config.get("METRICS_PORT") or 0))

    def get_dependency(self, worker_ctx):
        return None


class Metrics(DependencyProvider):
    """Latency and errors of every entrypoint, by service and name."""

    def setup(self):
        business_metrics.start_at_zero(self.container.service_name)

    def worker_setup(self, worker_ctx):
        worker_ctx._ordersuite_started = time.perf_counter()

    def worker_result(self, worker_ctx, result=None, exc_info=None):
        started = getattr(worker_ctx, "_ordersuite_started", None)
        if started is None:
            return
        service, name = worker_ctx.service_name, worker_ctx.entrypoint.method_name
        _, kind = tracing.entrypoint_kind(worker_ctx.entrypoint)
        metrics.ENTRYPOINT_SECONDS.labels(service, name, kind).observe(
            time.perf_counter() - started)
        if exc_info is not None:
            metrics.ENTRYPOINT_ERRORS.labels(service, name, kind, type(exc_info[1]).__name__).inc()


class ConfiguredTimer(Timer):
    """A nameko timer whose interval comes from the service config (seconds)."""

    def __init__(self, config_key: str, default: float, **kwargs):
        super().__init__(interval=default, **kwargs)
        self.config_key = config_key

    def setup(self):
        self.interval = float(self.container.config.get(self.config_key, self.interval))
        super().setup()

    def stop(self):
        """Safe to call twice (a second SIGTERM during a stop): nameko's own raises
        "Trying to re-send() an already-triggered event"."""
        if not self.should_stop.ready():
            self.should_stop.send(True)
        if self.gt is not None:
            self.gt.wait()


configured_timer = ConfiguredTimer.decorator
