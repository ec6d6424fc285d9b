"""The whole suite as real processes on a fresh vhost and fresh databases, for the
end-to-end and fault tiers: one way to start it, whatever environment a tier adds."""

from __future__ import annotations

import socket
import sys
from contextlib import contextmanager
from pathlib import Path

from servicekit.testing import create_vhost, delete_vhost

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tools"))

from monitoring import Monitoring  # noqa: E402
from suite import SERVICES, Suite  # noqa: E402


def bearer(gateway, username: str) -> dict:
    """The Authorization header of a demo user, through the simulator's client."""
    return {"Authorization": f"Bearer {gateway.token(username)}"}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def suite_env(amqp_uri: str, var: Path, **env: str) -> dict:
    """The environment of a suite under test: its vhost, its var folder, demo data, a fast
    outbox relay and metrics ports of its own; `env` adds or overrides."""
    return {"AMQP_URI": amqp_uri, "ORDERSUITE_VAR": str(var), "OUTBOX_RELAY_INTERVAL_S": "1",
            "DEMO_DATA": "1", "PASSWORD_HASH_PROFILE": "CHEAPEST",  # argon2: tests only
            **{f"{service.upper()}_METRICS_PORT": str(free_port()) for service in SERVICES},
            **env}


@contextmanager
def running_suite(rabbit_api: str, var: Path, timeout: float = 120,
                  monitoring: bool = False, **env: str):
    """A started suite (`.vhost` and `.var` set), stopped and its vhost deleted after;
    with `monitoring`, its own Prometheus and Alertmanager too (`.monitoring`), scraping
    and evaluating every second."""
    vhost, amqp_uri = create_vhost(rabbit_api)
    watch = Monitoring(free_port(), free_port(), interval="1s") if monitoring else None
    running = Suite(env=suite_env(amqp_uri, var, **env), port=free_port(), monitoring=watch)
    try:
        running.start(timeout=timeout)
        running.vhost, running.var = vhost, var
        yield running
    finally:
        running.stop()
        delete_vhost(rabbit_api, vhost)
