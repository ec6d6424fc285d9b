"""Transactional outbox: no event lost for a committed change, none sent for a rolled-back one."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from kombu import Connection
from nameko.standalone.rpc import ServiceRpcProxy
from sqlalchemy import text

from servicekit.db import make_engine
from servicekit.testing import queue_depth, wait_until

from probe_service import Behaviour, ProbeProducer, ProbeService, handled_count

CONSUMER_QUEUE = "planning.sales.order_received"


@pytest.fixture(autouse=True)
def _reset():
    Behaviour.reset()


def test_no_event_leaves_for_a_rolled_back_transaction(container_factory, make_config, amqp_uri):
    config = make_config("sales")
    container = container_factory(ProbeProducer, config)
    container.start()
    with ServiceRpcProxy("sales", config) as proxy:
        with pytest.raises(Exception, match="use case failed"):
            proxy.place_order("SO-P1-000001", commit=False)
        proxy.place_order("SO-P1-000002")
    wait_until(lambda: queue_depth(amqp_uri, CONSUMER_QUEUE) >= 1)
    import eventlet

    eventlet.sleep(1.5)  # three relay rounds: nothing more may appear
    assert queue_depth(amqp_uri, CONSUMER_QUEUE) == 1
    engine = make_engine(config["DATABASE_URL"])
    with engine.connect() as conn:
        assert conn.execute(text("select count(*) from outbox")).scalar_one() == 1
    engine.dispose()


def _start_sales(env: dict) -> subprocess.Popen:
    # the probe producer runs in its own process so that it can really die
    env = {**env, "PYTHONPATH": os.pathsep.join([str(Path(__file__).parent),
                                                 env.get("PYTHONPATH", "")])}
    return subprocess.Popen(
        [sys.executable, "-m", "servicekit", "run", "probe_service:ProbeProducer"], env=env,
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def test_an_event_is_delivered_exactly_once_when_the_process_dies_between_commit_and_publish(
        container_factory, make_config, amqp_uri, db_backend):
    sales_config = make_config("sales")
    planning_config = make_config("planning")
    consumer = container_factory(ProbeService, planning_config)
    consumer.start()
    env = {**os.environ, "AMQP_URI": amqp_uri, "SALES_DATABASE_URL": sales_config["DATABASE_URL"],
           "OUTBOX_RELAY_INTERVAL_S": "0.5", "LOG_LEVEL": "WARNING"}

    crashing = _start_sales({**env, "FAULT_EXIT_AFTER_COMMIT": "1"})
    try:
        wait_until(lambda: _rpc_queue_exists(amqp_uri), timeout=30)
        with ServiceRpcProxy("sales", {"AMQP_URI": amqp_uri}) as proxy:
            proxy.place_order.call_async("SO-P1-000001")  # the reply never comes: it dies
        assert crashing.wait(timeout=20) == 17, crashing.stderr.read().decode()[-2000:]
    finally:
        crashing.kill()
    engine = make_engine(sales_config["DATABASE_URL"])
    with engine.connect() as conn:
        unpublished = conn.execute(
            text("select count(*) from outbox where published_at is null")).scalar_one()
    assert unpublished == 1, "the order committed with its event still in the outbox"
    assert handled_count(planning_config["DATABASE_URL"]) == 0

    # The caller gave up on its request; drop it so the restart does not replay the command.
    _purge(amqp_uri, "rpc-sales")
    recovered = _start_sales(env)
    try:
        url = planning_config["DATABASE_URL"]
        wait_until(lambda: handled_count(url) == 1, timeout=30)
        import time

        time.sleep(2)  # several relay rounds later it is still exactly one
        assert handled_count(url) == 1
        with engine.connect() as conn:
            assert conn.execute(text(
                "select count(*) from outbox where published_at is null")).scalar_one() == 0
    finally:
        recovered.terminate()
        recovered.wait(timeout=20)
        engine.dispose()


def _rpc_queue_exists(amqp_uri: str) -> bool:
    try:
        queue_depth(amqp_uri, "rpc-sales")
        return True
    except Exception:
        return False


def _purge(amqp_uri: str, queue: str) -> None:
    with Connection(amqp_uri) as conn:
        conn.default_channel.queue_purge(queue)
