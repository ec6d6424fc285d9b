"""A real unit of work on an in-memory SQLite database: the fast use-case tier.

    uow = inmemory.unit_of_work(SalesUnitOfWork, metadata, seed=demo.seed)
    order = handlers.receive_order(actor, cmd, uow)
    assert [e.event_type for e in uow.published] == ["sales.order_received"]

No broker and no fakes: the same tables, repositories, outbox rows, inbox,
deadlines and business numbers as in production, in one process-local
database. `published` lists the envelopes the outbox would have sent, in
commit order. Pure SQLAlchemy, so it runs in an un-patched pytest session.
"""

from __future__ import annotations

from sqlalchemy import MetaData, create_engine, select
from sqlalchemy.pool import StaticPool

from contracts.envelope import EventEnvelope
from contracts.rpc.common import Actor
from servicekit import demo_data
from servicekit.db import WriteGate
from servicekit.tables import runtime_tables
from servicekit.uow import UnitOfWork


def unit_of_work(uow_class: type[UnitOfWork], metadata: MetaData, *, service: str | None = None,
                 seed=None, data: dict | None = None) -> UnitOfWork:
    """A fresh database with the service's tables; `seed(uow, data)` loads reference data
    (the demo group's by default)."""
    tables = runtime_tables(metadata)
    # One shared connection: every session of this uow sees the same in-memory database.
    engine = create_engine("sqlite://", poolclass=StaticPool,
                           connect_args={"check_same_thread": False})
    metadata.create_all(engine)
    published: list[EventEnvelope] = []

    def collect(row_ids: list[int]) -> None:
        outbox = tables["outbox"]
        with engine.connect() as conn:
            rows = conn.execute(select(outbox.c.body).where(outbox.c.id.in_(row_ids))
                                .order_by(outbox.c.id)).all()
        published.extend(EventEnvelope.model_validate_json(row.body) for row in rows)

    name = service or uow_class.__module__.split(".")[0]
    uow = uow_class(engine, WriteGate(engine), tables, name, after_commit=collect)
    uow.published = published
    if seed is not None:
        seed(uow, data if data is not None else demo_data.load(None))
        # what the reference data told the others (master data changes, issue 17) is not
        # what the use case under test publishes
        published.clear()
    return uow


def actor(username: str = "tester", roles=("sales",), companies=("P1",)) -> Actor:
    """An actor as a use case receives it (verified by servicekit.rpcs already)."""
    return Actor(username=username, roles=list(roles),
                 companies=None if companies is None else list(companies))
