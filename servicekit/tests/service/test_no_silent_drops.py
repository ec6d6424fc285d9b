"""No silent drops: queues exist before events flow; unroutable publishes are errors."""

from datetime import timedelta

from kombu import Connection
from nameko.standalone.rpc import ServiceRpcProxy
from sqlalchemy import MetaData

from contracts.events.sales import OrderReceived
from servicekit import topology
from servicekit.db import WriteGate, make_engine
from servicekit.outbox import Outbox
from servicekit.runtime import runtime_tables
from servicekit.testing import order_received_envelope, wait_until
from servicekit.uow import UnitOfWork

from probe_service import Behaviour, ProbeProducer, ProbeService, handled_count


def test_an_event_published_before_its_consumer_ever_started_waits_for_it(
        container_factory, make_config):
    Behaviour.reset()
    producer = container_factory(ProbeProducer, make_config("sales"))
    producer.start()  # declares every catalog queue, the consumer's included
    with ServiceRpcProxy("sales", producer.config) as proxy:
        proxy.place_order("SO-P1-000007")

    consumer_config = make_config("planning")
    container_factory(ProbeService, consumer_config).start()  # first start, after the publish
    wait_until(lambda: handled_count(consumer_config["DATABASE_URL"]) == 1)


def test_an_event_no_queue_can_take_stays_in_the_outbox_until_it_can_be_routed(
        amqp_uri, database_url):
    metadata = MetaData()
    tables = runtime_tables(metadata)
    engine = make_engine(database_url("sales"))
    metadata.create_all(engine)
    gate = WriteGate(engine)
    outbox = Outbox(engine, gate, tables["outbox"], "sales", amqp_uri)
    uow = UnitOfWork(engine, gate, tables, "sales", after_commit=outbox.publish)
    envelope = order_received_envelope()

    with Connection(amqp_uri) as conn:  # the exchange exists, but no queue is bound to it
        topology.EVENTS_EXCHANGE(conn.default_channel).declare()
    with uow:
        uow.emit("sales.order_received", OrderReceived.model_validate(envelope.payload),
                 company_id="P1", order_no=envelope.order_no)
        uow.commit()
    assert outbox.backlog() == 1
    with engine.connect() as conn:
        row = conn.execute(tables["outbox"].select()).one()
    assert row.published_at is None and "UndeliverableMessage" in row.last_error

    with Connection(amqp_uri) as conn:
        topology.declare_all(conn, (100,))
    assert outbox.relay(older_than=timedelta(0)) == 1
    assert outbox.backlog() == 0
    engine.dispose()
