"""Idempotent inbox: a redelivered event has no second effect."""

import pytest

from servicekit import metrics
from servicekit.testing import order_received_envelope, publish_raw, queue_depth, wait_until

from probe_service import Behaviour, ProbeService, handled_count

QUEUE = "planning.sales.order_received"


@pytest.fixture(autouse=True)
def _reset():
    Behaviour.reset()


def _duplicates() -> float:
    return metrics.EVENT_DUPLICATES.labels("planning", "sales.order_received")._value.get()


def test_an_event_redelivered_after_a_crash_mid_handler_is_not_handled_twice(
        container_factory, make_config, amqp_uri, db_backend):
    config = make_config("planning")
    first = container_factory(ProbeService, config)
    first.start()
    Behaviour.stall_after_commit = 60  # commits, then hangs before the ack
    publish_raw(amqp_uri, order_received_envelope().model_dump(mode="json"),
                routing_key="sales.order_received")
    wait_until(lambda: handled_count(config["DATABASE_URL"]) == 1)
    duplicates_before = _duplicates()

    first.kill()  # the unacked delivery goes back to the queue
    Behaviour.stall_after_commit = 0
    second = container_factory(ProbeService, config)
    second.start()

    wait_until(lambda: _duplicates() == duplicates_before + 1, timeout=15)
    wait_until(lambda: queue_depth(amqp_uri, QUEUE) == 0)
    assert handled_count(config["DATABASE_URL"]) == 1
    assert len(Behaviour.attempts) == 1, "the handler itself must not run again"


def test_the_same_event_published_twice_is_handled_once(container_factory, make_config, amqp_uri):
    config = make_config("planning")
    container_factory(ProbeService, config).start()
    body = order_received_envelope().model_dump(mode="json")
    publish_raw(amqp_uri, body, routing_key="sales.order_received")
    publish_raw(amqp_uri, body, routing_key="sales.order_received")
    wait_until(lambda: queue_depth(amqp_uri, QUEUE) == 0 and len(Behaviour.attempts) >= 1)
    import time

    time.sleep(0.5)
    assert handled_count(config["DATABASE_URL"]) == 1


def test_two_different_events_are_both_handled(container_factory, make_config, amqp_uri):
    config = make_config("planning")
    container_factory(ProbeService, config).start()
    for order_no in ("SO-P1-000001", "SO-P1-000002"):
        publish_raw(amqp_uri, order_received_envelope(order_no).model_dump(mode="json"),
                    routing_key="sales.order_received")
    wait_until(lambda: handled_count(config["DATABASE_URL"]) == 2)
