"""Transactional outbox: no event lost for a committed change, none sent for a rolled-back one."""

import os
import subprocess
import sys

import pytest
from contracts.events.sales import OrderReceived
from kombu import Connection
from nameko.rpc import rpc
from nameko.standalone.rpc import ServiceRpcProxy
from probe_service import Behaviour, ProbeService, handled_count
from servicekit.db import make_engine
from servicekit.runtime import UnitOfWorkProvider
from servicekit.service import ServiceBase
from servicekit.testing import order_received_envelope, queue_depth, wait_until
from servicekit.uow import UnitOfWork
from sqlalchemy import MetaData, text

ORDER = {
    "company_id": "P1", "customer_code": "CUST-001", "customer_grade": "B",
    "lines": [{"product_code": "KYN28-12", "quantity": "1", "requested_date": "2099-01-01"}],
}
CONSUMER_QUEUE = "planning.sales.order_received"


@pytest.fixture(autouse=True)
def _reset():
    Behaviour.reset()


class FlakySales(ServiceBase):
    """A producer whose use case can fail after emitting, before committing."""

    name = "sales"
    uow = UnitOfWorkProvider(UnitOfWork, MetaData())

    @rpc
    def emit(self, commit: bool):
        envelope = order_received_envelope()
        with self.uow:
            self.uow.emit("sales.order_received",
                          OrderReceived.model_validate(envelope.payload),
                          company_id="P1", order_no=envelope.order_no)
            if not commit:
                raise RuntimeError("use case failed after emitting")
            self.uow.commit()


def test_no_event_leaves_for_a_rolled_back_transaction(container_factory, make_config, amqp_uri):
    config = make_config("sales")
    container = container_factory(FlakySales, config)
    container.start()
    with ServiceRpcProxy("sales", config) as proxy:
        with pytest.raises(Exception, match="use case failed"):
            proxy.emit(False)
        proxy.emit(True)
    wait_until(lambda: queue_depth(amqp_uri, CONSUMER_QUEUE) >= 1)
    import eventlet

    eventlet.sleep(1.5)  # three relay rounds: nothing more may appear
    assert queue_depth(amqp_uri, CONSUMER_QUEUE) == 1
    engine = make_engine(config["DATABASE_URL"])
    with engine.connect() as conn:
        assert conn.execute(text("select count(*) from outbox")).scalar_one() == 1
    engine.dispose()


def _start_sales(env: dict) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "servicekit", "run", "sales"], env=env,
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
            proxy.receive_order.call_async(ORDER)  # the reply never comes: sales dies
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
