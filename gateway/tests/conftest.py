"""Fixtures for the gateway's RPC client tests.

Deliberately NOT eventlet-monkey-patched. The gateway runs under plain uvicorn
(real threads, asyncio's own selector), so that is the runtime the clients are
tested in. nameko services need a patched process, so the echo service runs as
a subprocess (echo_service.py) and these tests talk to it over the real broker.
(An in-process, patched container did answer a smoke call here too, but then
the pool's threads would be green threads and asyncio would run on eventlet's
green selectors: not what production runs.)
"""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
import threading
import uuid
from collections.abc import Iterator
from pathlib import Path

import aio_pika
import pytest

AMQP_URI = os.environ.get("AMQP_URI", "amqp://guest:guest@127.0.0.1:5672/")
ECHO_SERVICE = Path(__file__).with_name("echo_service.py")


@pytest.fixture(scope="session")
def amqp_uri() -> str:
    return AMQP_URI


def start_echo_service(name: str, amqp_uri: str, ready_timeout: float = 30.0) -> subprocess.Popen:
    proc = subprocess.Popen(
        [sys.executable, str(ECHO_SERVICE), name, amqp_uri],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    ready = threading.Event()

    def watch() -> None:
        # Read until READY (or EOF) off the main thread so the wait can time out.
        for line in proc.stdout:  # type: ignore[union-attr]
            if line.strip() == "READY":
                ready.set()
                return

    threading.Thread(target=watch, daemon=True).start()
    if not ready.wait(ready_timeout):
        proc.kill()
        raise RuntimeError(
            f"echo service {name} not ready in {ready_timeout}s "
            f"(exit code {proc.poll()}); is RabbitMQ up at {amqp_uri}?"
        )
    return proc


def stop_echo_service(proc: subprocess.Popen, name: str, amqp_uri: str) -> None:
    proc.terminate()
    try:
        proc.wait(10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(5)
    # nameko declares its service queue durable and never deletes it; remove it
    # so test runs (unique names each time) leave nothing behind on the broker.
    asyncio.run(_delete_queue(amqp_uri, f"rpc-{name}"))


async def _delete_queue(amqp_uri: str, queue: str) -> None:
    connection = await aio_pika.connect(amqp_uri)
    async with connection:
        channel = await connection.channel()
        await channel.queue_delete(queue)


@pytest.fixture(scope="session")
def echo_service(amqp_uri: str) -> Iterator[str]:
    """Name of a running echo service, unique per test run."""
    name = f"rpctest_echo_{uuid.uuid4().hex[:8]}"
    proc = start_echo_service(name, amqp_uri)
    yield name
    stop_echo_service(proc, name, amqp_uri)


def pytest_configure(config: pytest.Config) -> None:
    # nameko's pytest plugin warns when the process is not monkey-patched; here
    # that is the point (see the module docstring), so the warning is noise.
    config.option.suppress_eventlet_notification = True
    # Importing nameko imports eventlet, which warns that it is deprecated (known;
    # see TECHNOTES). The root filter matches on the message text, which does not
    # contain the class name, so filter by category here.
    config.addinivalue_line("filterwarnings", "ignore::eventlet.EventletDeprecationWarning")


# --- the HTTP app without a broker: fake RPC, demo-shaped users, cheap hashes -------------

USERS = {
    "password": "demo",
    "people": [
        {"username": "sales.p1", "name": "Li Na", "roles": ["sales"], "companies": ["P1"]},
        {"username": "sales.p2", "name": "Zhou Min", "roles": ["sales"], "companies": ["P2"]},
        {"username": "gm.p1", "name": "Wang Jian", "roles": ["general_manager", "sales"],
         "companies": ["P1"]},
        {"username": "planner.p1", "name": "Zhang Wei", "roles": ["planning"],
         "companies": ["P1"]},
        {"username": "group.gm", "name": "Deng Hui",
         "roles": ["general_manager", "group_general_manager", "sales"], "companies": None},
    ],
}


class FakeRpc:
    """Stands in for RpcClient: answers from `handlers[(service, method)]`, records calls.

    A handler is a callable taking the call's args, or an exception instance to raise.
    """

    timeout = 30.0

    def __init__(self):
        self.handlers: dict = {}
        self.calls: list = []

    async def call(self, service, method, args=(), kwargs=None, *, context=None, timeout=None):
        self.calls.append((service, method, tuple(args), timeout))
        handler = self.handlers.get((service, method))
        if handler is None:
            from gateway.rpc.errors import RemoteError

            raise RemoteError("MethodNotFound", f"{service}.{method}")
        if isinstance(handler, BaseException):
            raise handler
        return handler(*args)


@pytest.fixture
def settings(tmp_path):
    from gateway.core.config import Settings

    return Settings(JWT_SECRET="unit-test-secret-unit-test-secret-0123", ACCESS_TOKEN_MINUTES=5,
                    IDEMPOTENCY_ENABLED=False, ORDERSUITE_VAR=tmp_path,
                    PASSWORD_HASH_PROFILE="CHEAPEST")


@pytest.fixture
def user_store():
    from gateway.core.users import UserStore

    return UserStore.from_data(USERS, n=16)


@pytest.fixture
def fake_rpc():
    return FakeRpc()


@pytest.fixture
def client(settings, user_store, fake_rpc):
    """The gateway app in-process; lifespan not run, so no broker and no users file."""
    from fastapi.testclient import TestClient

    from gateway.main import create_app

    app = create_app(settings)
    app.state.users = user_store
    app.state.rpc = fake_rpc
    return TestClient(app)


@pytest.fixture
def token_for(client):
    def issue(username: str) -> dict:
        response = client.post("/auth/token", data={"username": username, "password": "demo"})
        assert response.status_code == 200, response.text
        return {"Authorization": f"Bearer {response.json()['access_token']}"}

    return issue
