"""The embedded SQLite default survives concurrent green-thread writers (TECHNOTES.md)."""

import eventlet
from sqlalchemy import Column, Integer, MetaData, String, Table, func, insert, select

from servicekit.db import WriteGate, make_engine
from servicekit.runtime import runtime_tables
from servicekit.uow import UnitOfWork

metadata = MetaData()
rows = Table("row", metadata, Column("id", Integer, primary_key=True), Column("who", String(20)))
runtime_tables(metadata)


def test_fifty_concurrent_green_thread_writers_all_commit(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'concurrent.db'}")
    metadata.create_all(engine)
    gate = WriteGate(engine)
    tables = runtime_tables(metadata)

    def write(n):
        uow = UnitOfWork(engine, gate, tables, "sales")
        with uow:
            for i in range(5):
                uow.session.execute(insert(rows).values(who=f"w{n}-{i}"))
                eventlet.sleep(0)  # yield mid-transaction, as real I/O would
            uow.commit()
        return n

    pool = eventlet.GreenPool(50)
    assert sorted(pool.imap(write, range(50))) == list(range(50))
    with engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(rows)).scalar_one() == 250
    engine.dispose()


def test_a_query_reads_while_a_writer_holds_the_write_gate(tmp_path):
    """A read (a query's worker: read_only) never queues behind a long write: it sees the
    last committed state at once (issue 16)."""
    engine = make_engine(f"sqlite:///{tmp_path / 'reads.db'}")
    metadata.create_all(engine)
    gate, tables, happened = WriteGate(engine), runtime_tables(metadata), []

    def write():
        with UnitOfWork(engine, gate, tables, "sales") as uow:
            uow.session.execute(insert(rows).values(who="writer"))
            eventlet.sleep(0.3)  # a long write: the gate stays held meanwhile
            uow.commit()
        happened.append("committed")

    def read():
        uow = UnitOfWork(engine, gate, tables, "sales")
        uow.read_only = True
        with uow:
            seen = uow.session.execute(select(func.count()).select_from(rows)).scalar_one()
        happened.append(f"read {seen}")

    writer = eventlet.spawn(write)
    eventlet.sleep(0.05)  # the writer is inside its transaction
    eventlet.spawn(read).wait()
    writer.wait()
    assert happened == ["read 0", "committed"]
    engine.dispose()


def test_a_query_that_tries_to_commit_is_refused_and_writes_nothing(tmp_path):
    import pytest

    from servicekit.uow import QueryWrites

    engine = make_engine(f"sqlite:///{tmp_path / 'refused.db'}")
    metadata.create_all(engine)
    uow = UnitOfWork(engine, WriteGate(engine), runtime_tables(metadata), "sales")
    uow.read_only = True
    with pytest.raises(QueryWrites), uow:
        uow.session.execute(insert(rows).values(who="query"))
        uow.commit()
    with engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(rows)).scalar_one() == 0
    engine.dispose()
