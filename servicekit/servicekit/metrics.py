"""Prometheus metrics every service exposes, labelled by service.

Module-level collectors on the default registry: several nameko containers
in one process (tests, `make run --single-process`) share them, the
`service` label keeps their figures apart.
"""

from __future__ import annotations

import logging
import os
import threading

from prometheus_client import Counter, Gauge, Histogram, start_http_server

ENTRYPOINT_SECONDS = Histogram(
    "ordersuite_entrypoint_seconds", "Latency of RPCs, event handlers and timers",
    ["service", "entrypoint", "kind"],
    buckets=(0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30),
)
ENTRYPOINT_ERRORS = Counter(
    "ordersuite_entrypoint_errors_total", "Entrypoint calls that raised",
    ["service", "entrypoint", "kind", "error"],
)
EVENTS_PUBLISHED = Counter(
    "ordersuite_events_published_total", "Integration events published from the outbox",
    ["service", "event_type"],
)
OUTBOX_BACKLOG = Gauge(
    "ordersuite_outbox_backlog", "Outbox rows not yet published", ["service"],
)
EVENT_REDELIVERIES = Counter(
    "ordersuite_event_redeliveries_total",
    "Events delivered again (broker redelivery or a scheduled retry)",
    ["service", "event_type"],
)
EVENT_DUPLICATES = Counter(
    "ordersuite_event_duplicates_total", "Redelivered events skipped by the inbox",
    ["service", "event_type"],
)
EVENT_RETRIES = Counter(
    "ordersuite_event_retries_total", "Failed handlings scheduled for a retry with backoff",
    ["service", "event_type"],
)
DEAD_LETTERS = Counter(
    "ordersuite_dead_letters_total", "Messages sent to a dead-letter queue",
    ["service", "reason"],
)
DEADLINE_BREACHES = Counter(
    "ordersuite_deadline_breaches_total", "Time limits breached (rule X-1)",
    ["service", "rule_id", "escalated_to"],
)
OPEN_DEADLINES = Gauge(
    "ordersuite_open_deadlines", "Time limits not yet met: open (not yet due) or overdue",
    ["service", "state"],
)

# Business figures per department and company, read from each service's own tables
# (servicekit.business_metrics): right after a restart, never counted in memory.
DEADLINES = Gauge(
    "ordersuite_deadlines", "Time limits by company, rule and state (open|overdue|met|met_late)",
    ["service", "company_id", "rule_id", "state"],
)
RECORDS = Gauge(
    "ordersuite_records", "A department's records (orders, work orders, lots...) by state",
    ["service", "company_id", "kind", "state"],
)
DELIVERIES = Gauge(
    "ordersuite_deliveries", "Delivered shipments by timeliness (on_time|late)",
    ["service", "company_id", "timeliness"],
)
OVERDUE_RECEIVABLES = Gauge(
    "ordersuite_overdue_receivables_yuan",
    "Contract amounts still unpaid on orders already shipped or delivered (SAL-10)",
    ["service", "company_id"],
)

COMMAND_REPLAYS = Counter(
    "ordersuite_command_replays_total",
    "Repeated commands answered from the command inbox instead of running again",
    ["service", "method"],
)
REFUSALS = Counter(
    "ordersuite_refusals_total", "Declared refusals of RPC calls, by wire error",
    ["service", "method", "error"],
)

_started_ports: set[int] = set()
_lock = threading.Lock()


def serve(port: int) -> None:
    """Start the /metrics HTTP server once per process and port (0 = disabled)."""
    if not port:
        return
    with _lock:
        if port in _started_ports:
            return
        # 127.0.0.1 on a workstation; METRICS_ADDR=0.0.0.0 in containers
        try:
            start_http_server(port, addr=os.environ.get("METRICS_ADDR", "127.0.0.1"))
        except OSError as exc:
            # A taken port is a configuration mistake; the service still serves
            # its department, only its metrics are missing - say so loudly.
            logging.getLogger(__name__).error("metrics server not started on port %s: %s",
                                              port, exc)
            return
        _started_ports.add(port)
