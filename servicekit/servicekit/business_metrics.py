"""Business figures per department and company, read from the service's own tables.

Each refresh reads every figure afresh from the database (nothing is counted in memory),
so the figures are right after a restart; a label set that is gone (no order left in a
state) is removed instead of staying at its last value. The counters the alert rules
watch start at 0 for every rule and service (`start_at_zero`), so the first breach after
a restart is an increase Prometheus sees (an absent series that appears at 1 is not).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from prometheus_client import Gauge
from sqlalchemy import Table, case, func, select
from sqlalchemy.engine import Connection, Engine

from servicekit import metrics
from servicekit.deadlines import LADDER
from servicekit.timelimits import X1_TIME_LIMITS

__all__ = ["Measure", "records", "deadline_measure", "refresh", "start_at_zero"]

DEAD_LETTER_REASONS = ("malformed", "retries exhausted")  # servicekit.events sends these


@dataclass(frozen=True)
class Measure:
    """One gauge family of a service: `read(conn)` gives {labels after `service`: value}."""

    gauge: Gauge
    read: Callable[[Connection], dict[tuple[str, ...], float]]


def records(kind: str, table: Table, state_column: str = "status") -> Measure:
    """The rows of `table` by company and state, as ``ordersuite_records{kind=...}``."""
    state = table.c[state_column]

    def read(conn: Connection) -> dict[tuple[str, ...], float]:
        rows = conn.execute(select(table.c.company_id, state, func.count())
                            .group_by(table.c.company_id, state))
        return {(company, kind, str(value)): count for company, value, count in rows}

    return Measure(metrics.RECORDS, read)


def deadline_measure(table: Table) -> Measure:
    """Time limits (X-1) by company, rule and where they stand: open, overdue (breached and
    not yet met), met, met_late."""
    state = case(
        (table.c.met_at.is_(None) & (table.c.status == "open"), "open"),
        (table.c.met_at.is_(None), "overdue"),
        (table.c.status == "breached", "met_late"),
        else_="met").label("state")

    def read(conn: Connection) -> dict[tuple[str, ...], float]:
        rows = conn.execute(select(table.c.company_id, table.c.rule_id, state, func.count())
                            .group_by(table.c.company_id, table.c.rule_id, "state"))
        # (grouped by the label: PostgreSQL sees the CASE's parameters twice otherwise)
        return {(company, rule, where): count for company, rule, where, count in rows}

    return Measure(metrics.DEADLINES, read)


_published: dict[tuple[str, str], set[tuple[str, ...]]] = {}
_lock = threading.Lock()


def _publish(gauge: Gauge, service: str, values: dict[tuple[str, ...], float]) -> None:
    key = (gauge._name, service)
    with _lock:
        for gone in _published.get(key, set()) - set(values):
            gauge.remove(service, *gone)
        for labels, value in values.items():
            gauge.labels(service, *labels).set(float(value))
        _published[key] = set(values)


def refresh(service: str, engine: Engine, deadline_table: Table,
            measures: Iterable[Measure] = ()) -> None:
    """Set every business gauge of `service` from its database."""
    deadlines = deadline_measure(deadline_table)
    by_gauge: dict[str, tuple[Gauge, dict]] = {}  # several measures may share a gauge
    with engine.connect() as conn:
        for measure in (deadlines, *measures):
            gauge, values = by_gauge.setdefault(measure.gauge._name, (measure.gauge, {}))
            values.update(measure.read(conn))
    for gauge, values in by_gauge.values():
        _publish(gauge, service, values)
    by_state = {"open": 0.0, "overdue": 0.0}  # both always there, 0 when none
    for (_, _, where), count in by_gauge[metrics.DEADLINES._name][1].items():
        if where in by_state:
            by_state[where] += count
    for where, count in by_state.items():
        metrics.OPEN_DEADLINES.labels(service, where).set(count)


def start_at_zero(service: str) -> None:
    """The counters the alert rules watch exist at 0 from start-up (the first breach of a
    rule, the first dead letter, after a restart, is then an increase)."""
    for limit in X1_TIME_LIMITS.values():
        for rung in LADDER[1:]:
            metrics.DEADLINE_BREACHES.labels(service, limit.rule_id, rung)
    for reason in DEAD_LETTER_REASONS:
        metrics.DEAD_LETTERS.labels(service, reason)
    metrics.OUTBOX_BACKLOG.labels(service)
