"""Every service serves Prometheus metrics: latency, errors, outbox backlog, dead letters."""

import socket
import urllib.request

import pytest
from nameko.standalone.rpc import ServiceRpcProxy

from servicekit.testing import order_received_envelope, publish_raw, queue_depth, wait_until

from probe_service import Behaviour, ProbeProducer, ProbeService


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _scrape(port: int) -> str:
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/metrics", timeout=5) as response:
        return response.read().decode()


def _value(text: str, prefix: str) -> float:
    lines = [line for line in text.splitlines() if line.startswith(prefix)]
    return float(lines[0].rsplit(" ", 1)[1]) if lines else 0.0


@pytest.fixture(autouse=True)
def _reset():
    Behaviour.reset()


def test_metrics_count_rpc_latency_errors_and_dead_letters(container_factory, make_config,
                                                           amqp_uri):
    port = _free_port()
    sales = container_factory(ProbeProducer, make_config("sales", METRICS_PORT=port))
    probe = container_factory(ProbeService, make_config("planning", EVENT_RETRY_DELAYS_MS=(50,)))
    sales.start()
    probe.start()
    before = _scrape(port)
    rpc_count = 'ordersuite_entrypoint_seconds_count{entrypoint="place_order",kind="rpc",' \
                'service="sales"}'
    errors = 'ordersuite_entrypoint_errors_total{entrypoint="place_order",' \
             'error="InvalidRequest",kind="rpc",service="sales"}'
    dead = 'ordersuite_dead_letters_total{reason="retries exhausted",service="planning"}'

    Behaviour.fail_times = 100
    with ServiceRpcProxy("sales", sales.config) as proxy:
        proxy.place_order("SO-P1-000001")
        with pytest.raises(Exception):  # noqa: B017
            proxy.place_order("not-an-order-number")
    publish_raw(amqp_uri, order_received_envelope("SO-P1-999999").model_dump(mode="json"),
                routing_key="sales.order_received")
    wait_until(lambda: queue_depth(amqp_uri, "planning.dead-letters") >= 1)

    after = _scrape(port)
    assert _value(after, rpc_count) == _value(before, rpc_count) + 2
    assert _value(after, errors) == _value(before, errors) + 1
    assert _value(after, dead) >= _value(before, dead) + 1
    assert _value(after, 'ordersuite_event_retries_total{event_type="sales.order_received",'
                         'service="planning"}') >= 1
    # the relay reports the outbox backlog: everything sales committed was published
    wait_until(lambda: 'ordersuite_outbox_backlog{service="sales"} 0.0' in _scrape(port))
