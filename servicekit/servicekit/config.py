"""Configuration from environment variables, with documented defaults.

| variable                     | default                                  |
|------------------------------|------------------------------------------|
| AMQP_URI                     | amqp://guest:guest@127.0.0.1:5672/       |
| REDIS_URL                    | redis://127.0.0.1:6379/0                 |
| <SERVICE>_DATABASE_URL       | sqlite:///<ORDERSUITE_VAR>/<service>.db  |
| ORDERSUITE_VAR               | ./var                                    |
| OTEL_EXPORTER_OTLP_ENDPOINT  | unset: spans are not exported            |
| <SERVICE>_METRICS_PORT       | unset: no metrics HTTP server            |
| EVENT_RETRY_DELAYS_MS        | 1000,5000,30000 (one retry per entry)    |
| OUTBOX_RELAY_INTERVAL_S      | 5                                        |
| DEADLINE_SWEEP_INTERVAL_S    | 30                                       |
| BUSINESS_METRICS_INTERVAL_S  | 15 (business gauges read from the tables)|
| <SERVICE>_DEADLINE_SWEEP_AHEAD_S, <SERVICE>_DEADLINE_ESCALATION_STEP_S | test only: 0 |
| ORDERSUITE_TIMEZONE          | Asia/Shanghai                            |
| LOG_LEVEL / LOG_FORMAT       | INFO / json                              |
| DEMO_DATA                    | 0 (1: seed demo reference data at start) |
| DEMO_DATA_FILE               | demo/group.json of the repository        |
| ACTOR_SIGNING_KEY            | a development key (refused in production)|
| ORDERSUITE_ENV               | development (production: keys required)  |
"""

from __future__ import annotations

import os
from pathlib import Path

DEFAULT_AMQP_URI = "amqp://guest:guest@127.0.0.1:5672/"
DEFAULT_REDIS_URL = "redis://127.0.0.1:6379/0"


def _env(name: str, default: str | None = None) -> str | None:
    value = os.environ.get(name)
    return value if value not in (None, "") else default


def var_dir() -> Path:
    return Path(_env("ORDERSUITE_VAR", "var")).resolve()


def database_url(service: str) -> str:
    default = f"sqlite:///{var_dir() / (service + '.db')}"
    return _env(f"{service.upper()}_DATABASE_URL", default)


def retry_delays_ms() -> tuple[int, ...]:
    raw = _env("EVENT_RETRY_DELAYS_MS", "1000,5000,30000")
    return tuple(int(part) for part in raw.split(",") if part.strip())


def service_config(service: str, **overrides) -> dict:
    """The nameko config dict of one service; `overrides` win (tests use them)."""
    config = {
        "AMQP_URI": _env("AMQP_URI", DEFAULT_AMQP_URI),
        "REDIS_URL": _env("REDIS_URL", DEFAULT_REDIS_URL),
        "DATABASE_URL": database_url(service),
        "METRICS_PORT": int(_env(f"{service.upper()}_METRICS_PORT", "0")),
        "EVENT_RETRY_DELAYS_MS": retry_delays_ms(),
        "OUTBOX_RELAY_INTERVAL_S": float(_env("OUTBOX_RELAY_INTERVAL_S", "5")),
        "DEADLINE_SWEEP_INTERVAL_S": float(_env("DEADLINE_SWEEP_INTERVAL_S", "30")),
        "BUSINESS_METRICS_INTERVAL_S": float(_env("BUSINESS_METRICS_INTERVAL_S", "15")),
        "TIMEZONE": _env("ORDERSUITE_TIMEZONE", "Asia/Shanghai"),
        "max_workers": int(_env("MAX_WORKERS", "10")),
        # Test-only fault injection: exit the process right after a commit,
        # before the outbox publishes (proves the relay recovers the event).
        "DEMO_DATA": _env("DEMO_DATA", "0") == "1",
        "DEMO_DATA_FILE": _env("DEMO_DATA_FILE"),
        "FAULT_EXIT_AFTER_COMMIT": _env("FAULT_EXIT_AFTER_COMMIT") == "1",
        # Test-only fault injection: these RPC methods raise an undeclared error (a bug),
        # to prove a bug answers a 500 with a correlation id that matches its log line.
        "FAULT_BUG_METHODS": tuple(
            name.strip() for name in (_env(f"{service.upper()}_FAULT_BUG_METHODS") or "")
            .split(",") if name.strip()),
        # Test-only: the deadline sweep sees the clock this many seconds ahead, so that a
        # running suite breaches its time limits without waiting hours for them.
        "DEADLINE_SWEEP_AHEAD_S": float(_env(f"{service.upper()}_DEADLINE_SWEEP_AHEAD_S", "0")),
        # Test-only: the next rung of a breach after this many seconds, not the limit's span.
        "DEADLINE_ESCALATION_STEP_S": float(
            _env(f"{service.upper()}_DEADLINE_ESCALATION_STEP_S", "0")),
        # Verifies the gateway's signature on actors (servicekit.actors).
        "ACTOR_SIGNING_KEY": _env("ACTOR_SIGNING_KEY"),
        "ORDERSUITE_ENV": _env("ORDERSUITE_ENV", "development"),
    }
    config.update(overrides)
    return config
