"""The gateway's own database (the user directory and the inbox beside it): how it opens.

Several gateway workers open it at once when the suite starts (`make run` runs more than
one), so making the tables tolerates a worker that made them a moment earlier.
"""

from __future__ import annotations

import sqlite3
import time

import sqlalchemy as sa

WAL_ATTEMPTS = 100  # 5 s


def _write_ahead_log(dbapi_connection, _record) -> None:
    # readers never wait for a writer (another worker changing an account). The first
    # switch to WAL takes the file's exclusive lock, and SQLite answers a worker starting at
    # the same moment "locked" without waiting its busy timeout: so it waits here.
    for attempt in range(WAL_ATTEMPTS):
        try:
            dbapi_connection.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or attempt == WAL_ATTEMPTS - 1:
                raise
            time.sleep(0.05)


def is_local_file(url: str) -> bool:
    """An embedded SQLite file: read in microseconds, cheaper on the loop than in a thread."""
    return sa.make_url(url).get_backend_name() == "sqlite"


def open_engine(url: str) -> sa.Engine:
    parsed = sa.make_url(url)
    if parsed.drivername == "postgresql":  # psycopg2, as the services (SQLAlchemy 2.1
        parsed = parsed.set(drivername="postgresql+psycopg2")  # would pick psycopg 3)
    local = is_local_file(url)
    connect_args = {"check_same_thread": False, "timeout": 30} if local else {}
    engine = sa.create_engine(parsed, connect_args=connect_args, pool_pre_ping=True)
    if local:
        sa.event.listen(engine, "connect", _write_ahead_log)
    return engine


def create_tables(metadata: sa.MetaData, engine: sa.Engine) -> None:
    """The tables made when missing; a worker that loses the race to make one finds it
    (and may lose the next table's race too: each table is made on its own)."""
    for attempt in range(len(metadata.tables) + 1):
        try:
            metadata.create_all(engine)
            return
        except sa.exc.DatabaseError:  # "already exists": another worker made it meanwhile
            if attempt == len(metadata.tables):
                raise
