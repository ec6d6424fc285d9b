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
