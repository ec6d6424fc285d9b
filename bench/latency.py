"""What the database benchmarks share: a summary of timings and their throwaway databases."""

from __future__ import annotations

import statistics
import tempfile
import uuid
from collections.abc import Iterator
from contextlib import contextmanager

from servicekit.testing import _pg_admin

POSTGRES = "postgresql://postgres@127.0.0.1:5432/postgres"


def summary(samples: list[float]) -> tuple[float, float, float]:
    """(mean, p50, p99) of timings in ms."""
    ordered = sorted(samples)
    return (statistics.fmean(samples), ordered[len(ordered) // 2],
            ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))])


@contextmanager
def throwaway_databases() -> Iterator[dict[str, str]]:
    """{"sqlite": url, "postgresql": url}: a file SQLite and a fresh PostgreSQL database,
    both gone afterwards."""
    name = f"ordersuite_bench_{uuid.uuid4().hex[:8]}"
    _pg_admin(POSTGRES, f'CREATE DATABASE "{name}"')
    try:
        with tempfile.TemporaryDirectory() as tmp:
            yield {"sqlite": f"sqlite:///{tmp}/bench.db",
                   "postgresql": POSTGRES.rsplit("/", 1)[0] + f"/{name}"}
    finally:
        _pg_admin(POSTGRES, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
