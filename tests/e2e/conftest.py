"""The whole suite as real processes on a fresh vhost and fresh databases."""

from __future__ import annotations

import socket
import sys
from pathlib import Path

import httpx
import pytest

from servicekit.testing import create_vhost, delete_vhost

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "tools"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from collector import Collector  # noqa: E402
from simulate import Gateway, Stats  # noqa: E402
from suite import SERVICES, Suite  # noqa: E402


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def collector():
    with Collector() as running:
        yield running


@pytest.fixture(scope="session")
def suite(rabbit_api, collector, tmp_path_factory):
    vhost, amqp_uri = create_vhost(rabbit_api)
    env = {
        "AMQP_URI": amqp_uri,
        "ORDERSUITE_VAR": str(tmp_path_factory.mktemp("var")),
        "OTEL_EXPORTER_OTLP_ENDPOINT": collector.endpoint,
        "OTEL_BSP_SCHEDULE_DELAY": "100",
        "OUTBOX_RELAY_INTERVAL_S": "1",
        "LOG_LEVEL": "WARNING",
        "DEMO_DATA": "1",
        "JWT_SECRET": "e2e-test-secret-not-for-production",
        **{f"{service.upper()}_METRICS_PORT": str(free_port()) for service in SERVICES},
    }
    running = Suite(env=env, port=free_port())
    running.start(timeout=120)
    yield running
    running.stop()
    delete_vhost(rabbit_api, vhost)


@pytest.fixture
def api(suite):
    with httpx.Client(base_url=suite.url, timeout=30) as client:
        yield client


@pytest.fixture
def gateway(suite):
    """The simulator's client: logs in as demo users, acts for each department."""
    client = Gateway(suite.url, Stats())
    yield client
    client.client.close()


def bearer(gateway: Gateway, username: str) -> dict:
    return {"Authorization": f"Bearer {gateway.token(username)}"}
