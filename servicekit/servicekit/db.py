"""Engines that behave under eventlet, on PostgreSQL and on embedded SQLite.

SQLite's busy-wait blocks the whole event loop, so concurrent green-thread
writers fail with "database is locked" (TECHNOTES.md). We run SQLite in WAL
mode (readers never block the writer) and serialise *write* transactions of
one engine with a lock that is green once eventlet has patched `threading`.
PostgreSQL needs neither: psycopg2 is greened by the monkey patch.
"""

from __future__ import annotations

import threading
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url


def is_sqlite(url: str) -> bool:
    return make_url(url).get_backend_name() == "sqlite"


def normalise_url(url: str) -> str:
    """Plain postgresql:// means psycopg2 here: SQLAlchemy 2.1 would pick psycopg 3,
    which blocks the event loop under eventlet (TECHNOTES.md)."""
    parsed = make_url(url)
    if parsed.drivername in ("postgresql", "postgres"):
        parsed = parsed.set(drivername="postgresql+psycopg2")
    return parsed.render_as_string(hide_password=False)


def make_engine(url: str) -> Engine:
    url = normalise_url(url)
    if not is_sqlite(url):
        return create_engine(url, pool_pre_ping=True, pool_size=10, max_overflow=10)
    database = make_url(url).database
    if database and database != ":memory:":
        Path(database).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30})

    @event.listens_for(engine, "connect")
    def _sqlite_pragmas(dbapi_conn, _record):
        # Let SQLAlchemy, not pysqlite, decide when transactions begin, so that
        # BEGIN IMMEDIATE below takes the write lock up front.
        dbapi_conn.isolation_level = None
        cursor = dbapi_conn.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=30000")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _sqlite_begin(conn):
        write = conn.get_execution_options().get("write")
        conn.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")

    return engine


class WriteGate:
    """Serialises write transactions on SQLite; a no-op elsewhere."""

    def __init__(self, engine: Engine):
        self._sqlite = engine.dialect.name == "sqlite"
        # Created lazily: the lock must be made after eventlet patched threading.
        self._lock: threading.RLock | None = None

    @contextmanager
    def writing(self):
        if not self._sqlite:
            yield
            return
        if self._lock is None:
            self._lock = threading.RLock()
        with self._lock:
            yield
