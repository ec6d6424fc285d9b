"""The fault suite: the whole suite as real processes, attacked while it works.

`make test` runs it at the small scale (CI); `make chaos` at full scale
(CHAOS_SCALE=full). Each test prints its figures: tried, failed, lost, duplicated.
"""

from __future__ import annotations

import socket
import sys
from pathlib import Path

import httpx
import pytest

from servicekit.testing import create_vhost, delete_vhost

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "tools"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from chaos import BUG_METHOD, SERVICES  # noqa: E402

from simulate import Gateway, Stats  # noqa: E402
from suite import Suite  # noqa: E402


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def fault_suite(rabbit_api, tmp_path_factory):
    vhost, amqp_uri = create_vhost(rabbit_api)
    var = tmp_path_factory.mktemp("fault-var")
    env = {
        "AMQP_URI": amqp_uri,
        "ORDERSUITE_VAR": str(var),
        "OUTBOX_RELAY_INTERVAL_S": "1",
        "EVENT_RETRY_DELAYS_MS": "200,1000,3000,10000",
        "DEADLINE_SWEEP_INTERVAL_S": "5",
        "LOG_LEVEL": "INFO",
        "DEMO_DATA": "1",
        "RPC_TIMEOUT_S": "20",
        "JWT_SECRET": "fault-suite-secret-not-for-production",  # test_access_matrix uses it
        "ACTOR_SIGNING_KEY": "fault-suite-actor-key-not-for-production",
        "SALES_FAULT_BUG_METHODS": BUG_METHOD,
        **{f"{service.upper()}_METRICS_PORT": str(free_port()) for service in SERVICES},
    }
    running = Suite(env=env, port=free_port())
    running.start(timeout=120)
    running.vhost, running.var = vhost, var
    yield running
    running.stop()
    delete_vhost(rabbit_api, vhost)


@pytest.fixture
def api(fault_suite):
    with httpx.Client(base_url=fault_suite.url, timeout=30) as client:
        yield client


@pytest.fixture
def gateway(fault_suite):
    client = Gateway(fault_suite.url, Stats())
    yield client
    client.client.close()
