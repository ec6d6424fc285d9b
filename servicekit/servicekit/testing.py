"""pytest fixtures for tests against the real broker and databases.

URLs come from the environment (AMQP_URI, RABBIT_API_URI, POSTGRES_URL); a
test that needs a server that does not answer fails with a message saying
what to set or start — it never skips silently. Each test gets its own
RabbitMQ vhost and its own database, so tests cannot see each other's
messages or rows.

Import into a conftest with `from servicekit.testing import *`.
"""

from __future__ import annotations

import os
import socket
import uuid
import warnings
from urllib.parse import quote, urlparse

import pytest
import requests

from servicekit.config import DEFAULT_AMQP_URI, service_config

__all__ = [
    "signed_actor", "create_vhost", "delete_vhost",
    "order_received_envelope", "publish_raw", "queue_depth", "wait_until",
    "start_service", "event_envelope", "publish_event", "publish_envelope", "deliver",
    "deliver_event", "take_message", "take_all",
    "amqp_uri", "database_url", "make_config", "span_exporter", "rabbit_api",
    "postgres_admin_url", "db_backend",
]


def signed_actor(actor: dict) -> dict:
    """An actor as the gateway sends it: signed (servicekit.actors), valid for a day so
    that a module-level constant outlives the test session."""
    from servicekit.actors import sign, signing_key

    return sign(actor, signing_key(), ttl_s=24 * 3600)


def _server_hint(what: str, env: str, start: str) -> str:
    return (f"{what} is not reachable. Set {env} to a running server, or start one: {start} "
            f"(see TECHNOTES.md; `.ci/run` starts it automatically).")


@pytest.fixture(scope="session")
def rabbit_api():
    """The management API of the broker named by AMQP_URI (or RABBIT_API_URI); a container
    when neither answers but a Docker engine does; else a failure saying what to start."""

    def api_url() -> str:
        amqp = urlparse(os.environ.get("AMQP_URI", DEFAULT_AMQP_URI))
        return os.environ.get(
            "RABBIT_API_URI",
            f"http://{amqp.username or 'guest'}:{amqp.password or 'guest'}@{amqp.hostname}:15672")

    try:
        requests.get(f"{api_url()}/api/overview", timeout=5).raise_for_status()
    except Exception as exc:
        if not _from_container("rabbitmq"):
            pytest.fail(_server_hint(
                f"RabbitMQ management API ({exc})", "AMQP_URI / RABBIT_API_URI",
                "rabbitmq-server -detached && rabbitmq-plugins enable rabbitmq_management"))
    return api_url()


def _from_container(kind: str) -> bool:
    """Start a container for `kind` if a Docker engine answers (testcontainers)."""
    from servicekit import testing_containers

    if not testing_containers.docker_engine_answers():
        return False
    start = {"rabbitmq": testing_containers.start_rabbitmq,
             "postgres": testing_containers.start_postgres}[kind]
    start()
    return True


def create_vhost(rabbit_api: str) -> tuple[str, str]:
    """A fresh vhost on the real broker: returns (vhost, amqp_uri)."""
    amqp = urlparse(os.environ.get("AMQP_URI", DEFAULT_AMQP_URI))
    vhost = f"ordersuite_test_{uuid.uuid4().hex[:10]}"
    requests.put(f"{rabbit_api}/api/vhosts/{vhost}", timeout=10).raise_for_status()
    requests.put(f"{rabbit_api}/api/permissions/{vhost}/{amqp.username or 'guest'}",
                 json={"configure": ".*", "write": ".*", "read": ".*"},
                 timeout=10).raise_for_status()
    return vhost, f"amqp://{amqp.netloc}/{quote(vhost, safe='')}"


def delete_vhost(rabbit_api: str, vhost: str) -> None:
    """Clean-up only: a broker slow to delete (a cluster that just lost a node, a loaded
    machine) leaves a stray vhost behind and a warning, not a failed test."""
    try:
        requests.delete(f"{rabbit_api}/api/vhosts/{vhost}", timeout=120)
    except requests.RequestException as exc:
        warnings.warn(f"vhost {vhost} was not deleted: {exc}", stacklevel=2)


@pytest.fixture
def amqp_uri(rabbit_api):
    """A fresh vhost on the real broker, deleted after the test."""
    vhost, uri = create_vhost(rabbit_api)
    yield uri
    delete_vhost(rabbit_api, vhost)


@pytest.fixture(scope="session")
def postgres_admin_url():
    """An admin URL (POSTGRES_URL, or DATABASE_URL) of a PostgreSQL server; each test gets
    its own database there. A container when none answers but a Docker engine does."""
    default = "postgresql://postgres@127.0.0.1:5432/postgres"
    url = os.environ.get("POSTGRES_URL") or os.environ.get("DATABASE_URL") or default
    parsed = urlparse(url)
    try:
        socket.create_connection((parsed.hostname, parsed.port or 5432), timeout=3).close()
    except OSError as exc:
        if not _from_container("postgres"):
            pytest.fail(_server_hint(f"PostgreSQL ({exc})", "POSTGRES_URL",
                                     "pg_ctlcluster --skip-systemctl-redirect "
                                     "$(ls /etc/postgresql) main start"))
        url = os.environ["POSTGRES_URL"]
    return url


@pytest.fixture(params=["sqlite", "postgresql"])
def db_backend(request):
    """Parametrise a test over both supported databases."""
    return request.param


@pytest.fixture
def database_url(request, tmp_path):
    """A factory of empty databases: `database_url("sales")`.

    The backend is SQLite unless the test also uses `db_backend` (or sets
    TEST_DATABASE=postgresql for a whole run).
    """
    backend = (request.getfixturevalue("db_backend") if "db_backend" in request.fixturenames
               else os.environ.get("TEST_DATABASE", "sqlite"))
    created: list[str] = []

    def make(service: str) -> str:
        if backend == "sqlite":
            return f"sqlite:///{tmp_path / (service + '.db')}"
        admin = request.getfixturevalue("postgres_admin_url")
        name = f"ordersuite_test_{service}_{uuid.uuid4().hex[:8]}"
        _pg_admin(admin, f'CREATE DATABASE "{name}"')
        created.append(name)
        return admin.rsplit("/", 1)[0] + f"/{name}"

    yield make
    for name in created:
        _pg_admin(request.getfixturevalue("postgres_admin_url"),
                  f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _pg_admin(admin_url: str, statement: str) -> None:
    import psycopg2

    conn = psycopg2.connect(admin_url)
    conn.autocommit = True
    try:
        with conn.cursor() as cursor:
            cursor.execute(statement)
    finally:
        conn.close()


@pytest.fixture
def make_config(amqp_uri, database_url):
    """Config of a service for this test: its own database, this test's vhost."""

    def make(service: str, **overrides) -> dict:
        base = {
            "AMQP_URI": amqp_uri,
            "DATABASE_URL": database_url(service),
            "EVENT_RETRY_DELAYS_MS": (100, 300),
            "OUTBOX_RELAY_INTERVAL_S": 0.5,
            "DEADLINE_SWEEP_INTERVAL_S": 0.5,
            "DEMO_DATA": True,
        }
        base.update(overrides)
        return service_config(service, **base)

    return make


@pytest.fixture
def span_exporter():
    """Spans finished during the test, in memory."""
    from opentelemetry.sdk.trace.export import SimpleSpanProcessor
    from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter

    from servicekit import tracing

    provider = tracing.configure()
    exporter = InMemorySpanExporter()
    processor = SimpleSpanProcessor(exporter)
    provider.add_span_processor(processor)
    yield exporter
    processor.shutdown()


# -- helpers for tests that speak to the broker directly ---------------------

def order_received_envelope(order_no: str = "SO-P1-000001", company_id: str = "P1"):
    """A valid `sales.order_received` envelope (the catalog's first event)."""
    from datetime import date, timedelta
    from decimal import Decimal

    from contracts.envelope import new_envelope
    from contracts.events.sales import OrderLine, OrderReceived

    payload = OrderReceived(
        order_no=order_no, customer_code="CUST-001", customer_grade="A",
        lines=[OrderLine(line_no=1, product_code="KYN28-12", quantity=Decimal("2"),
                         requested_date=date.today() + timedelta(days=30))],
    )
    return new_envelope("sales.order_received", payload, company_id=company_id,
                        order_no=order_no)


def publish_raw(amqp_uri: str, body, *, routing_key: str, content_type="application/json",
                headers=None, exchange="ordersuite.events") -> None:
    """Publish bytes or a dict as-is (for malformed-message and duplicate tests)."""
    import json

    from kombu import Connection

    if isinstance(body, dict):
        body = json.dumps(body, default=str).encode()
    with Connection(amqp_uri, transport_options={"confirm_publish": True}) as conn:
        conn.Producer().publish(body, exchange=exchange, routing_key=routing_key,
                                content_type=content_type, content_encoding="utf-8",
                                headers=headers or {}, mandatory=True)


def publish_envelope(amqp_uri: str, envelope) -> None:
    """Publish an envelope as its producer's outbox would (routed by its event type)."""
    publish_raw(amqp_uri, envelope.model_dump(mode="json"), routing_key=envelope.event_type)


def event_envelope(event_type: str, payload, *, company_id: str = "P1",
                   order_no: str | None = None):
    """Another department's event in a fresh envelope, about the payload's order unless
    `order_no` is given."""
    from contracts.envelope import new_envelope

    return new_envelope(event_type, payload, company_id=company_id,
                        order_no=order_no or getattr(payload, "order_no", None))


def publish_event(amqp_uri: str, event_type: str, payload, **envelope):
    """Publish `event_envelope(event_type, payload, **envelope)`; returns the envelope."""
    published = event_envelope(event_type, payload, **envelope)
    publish_envelope(amqp_uri, published)
    return published


def deliver(container, entrypoint: str, envelope, timeout: float = 10.0):
    """Publish `envelope` and wait until the container's `entrypoint` has handled it."""
    from nameko.testing.services import entrypoint_waiter

    with entrypoint_waiter(container, entrypoint, timeout=timeout):
        publish_envelope(container.config["AMQP_URI"], envelope)
    return envelope


def deliver_event(container, entrypoint: str, event_type: str, payload, *,
                  timeout: float = 10.0, **envelope):
    """`deliver` the event in a fresh envelope (`event_envelope`); returns the envelope."""
    return deliver(container, entrypoint, event_envelope(event_type, payload, **envelope),
                   timeout)


def start_service(container_factory, service_cls, config: dict):
    """A started nameko container of `service_cls` (nameko's `container_factory` fixture)."""
    container = container_factory(service_cls, config)
    container.start()
    return container


def take_message(amqp_uri: str, queue: str, timeout: float = 10.0) -> dict:
    """The next envelope on a consumer's queue, taken off it (the outbox publishes after
    commit, so it may take a moment); fails after `timeout`."""
    return take_all(amqp_uri, queue, expect=1, timeout=timeout, most=1)[0]


def take_all(amqp_uri: str, queue: str, *, expect: int = 0, timeout: float = 10.0,
             most: int | None = None) -> list[dict]:
    """The envelopes waiting on a consumer's queue, taken off it: at least `expect` of
    them (waiting up to `timeout` for them, else failing), at most `most`."""
    import json
    import time

    from kombu import Connection

    bodies: list[dict] = []
    deadline = time.monotonic() + timeout
    with Connection(amqp_uri) as conn:
        channel = conn.default_channel
        while most is None or len(bodies) < most:
            message = channel.basic_get(queue, no_ack=True)
            if message is not None:
                bodies.append(json.loads(message.body))
            elif len(bodies) >= expect or time.monotonic() > deadline:
                break
            else:
                time.sleep(0.05)
    assert len(bodies) >= expect, f"{queue}: {len(bodies)} message(s), expected {expect}"
    return bodies


def queue_depth(amqp_uri: str, queue: str) -> int:
    from kombu import Connection

    with Connection(amqp_uri) as conn:
        return conn.default_channel.queue_declare(queue, passive=True).message_count


def wait_until(predicate, timeout: float = 10.0, interval: float = 0.05):
    """Poll until predicate() is truthy (returns it) or fail after timeout."""
    import time

    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"condition not met within {timeout}s")
        time.sleep(interval)
