"""The background outbox publisher (issue 16): batches with one round trip of confirms,
order kept per order, nothing lost when the broker refuses or is away, and two relays
(competing instances) never publishing the same rows."""

import json
import threading
import uuid
from datetime import UTC, datetime, timedelta

import pytest
from kombu import Connection
from sqlalchemy import MetaData, insert, select

from servicekit import topology
from servicekit.db import WriteGate, make_engine
from servicekit.outbox import Outbox
from servicekit.tables import runtime_tables
from servicekit.testing import take_all, wait_until

QUEUE = "planning.sales.order_received"
EVENT = "sales.order_received"
tables = runtime_tables(MetaData())
outbox_table = tables["outbox"]


def _outbox(database_url, amqp_uri, service="sales") -> Outbox:
    engine = make_engine(database_url(service) if callable(database_url) else database_url)
    tables["outbox"].metadata.create_all(engine)
    with Connection(amqp_uri) as conn:
        topology.declare_all(conn, (1000,))
    return Outbox(engine, WriteGate(engine), outbox_table, service, amqp_uri)


def _add_rows(outbox: Outbox, *rows: tuple[str, str], age_s: float = 0) -> list[int]:
    """Outbox rows (event type, order no) as use cases would have committed them."""
    created = datetime.now(UTC) - timedelta(seconds=age_s)
    ids = []
    with outbox.engine.begin() as conn:
        for seq, (event_type, order_no) in enumerate(rows):
            ids.append(conn.execute(insert(outbox_table).values(
                event_id=str(uuid.uuid4()), event_type=event_type, order_no=order_no,
                body=json.dumps({"order_no": order_no, "seq": seq}), headers={},
                created_at=created, attempts=0)).inserted_primary_key[0])
    return ids


def _unpublished(outbox: Outbox) -> list[tuple[str, str]]:
    with outbox.engine.connect() as conn:
        return [tuple(row) for row in conn.execute(
            select(outbox_table.c.event_type, outbox_table.c.order_no)
            .where(outbox_table.c.published_at.is_(None)).order_by(outbox_table.c.id))]


def test_committed_rows_handed_to_the_background_publisher_arrive_in_commit_order(
        database_url, amqp_uri, db_backend):
    outbox = _outbox(database_url, amqp_uri)
    outbox.start()
    try:
        ids = _add_rows(outbox, *[(EVENT, f"SO-P1-{n:06d}") for n in range(300)])
        for start in range(0, 300, 7):  # as many commits hand over their rows
            outbox.after_commit(ids[start:start + 7])
        bodies = take_all(amqp_uri, QUEUE, expect=300, timeout=20)
    finally:
        outbox.stop()
    assert [body["seq"] for body in bodies] == list(range(300))
    wait_until(lambda: _unpublished(outbox) == [])


def test_an_unroutable_event_stays_for_the_relay_while_the_rest_of_its_batch_is_published(
        database_url, amqp_uri):
    outbox = _outbox(database_url, amqp_uri)
    ids = _add_rows(outbox, (EVENT, "SO-A"), ("nobody.listens_to_this", "SO-B"), (EVENT, "SO-B"),
                    (EVENT, "SO-C"))
    assert outbox.publish(ids) == 3
    assert [body["order_no"] for body in take_all(amqp_uri, QUEUE, expect=3)] == [
        "SO-A", "SO-B", "SO-C"]
    assert _unpublished(outbox) == [("nobody.listens_to_this", "SO-B")]
    with outbox.engine.connect() as conn:
        errors = conn.execute(select(outbox_table.c.last_error)
                              .where(outbox_table.c.published_at.is_(None))).scalars().all()
    assert errors == ["UndeliverableMessage: no queue is bound for 'nobody.listens_to_this' "
                      "on 'ordersuite.events'"]


def test_rows_a_broker_outage_left_behind_are_published_by_the_relay(database_url, amqp_uri):
    outbox = _outbox(database_url, amqp_uri)
    away = Outbox(outbox.engine, outbox.gate, outbox_table, "sales",
                  "amqp://guest:guest@127.0.0.1:1/")  # nothing listens there
    ids = _add_rows(outbox, (EVENT, "SO-1"), (EVENT, "SO-2"))
    assert away.publish(ids) == 0
    assert len(_unpublished(outbox)) == 2
    assert outbox.relay(older_than=timedelta(0)) == 2
    assert [body["order_no"] for body in take_all(amqp_uri, QUEUE, expect=2)] == ["SO-1", "SO-2"]
    assert _unpublished(outbox) == []


@pytest.mark.parametrize("db_backend", ["postgresql"])  # SQLite: one process per file
def test_two_instances_relaying_at_once_publish_each_left_behind_row_once(
        database_url, amqp_uri, db_backend):
    url = database_url("sales")
    first, second = _outbox(url, amqp_uri), _outbox(url, amqp_uri)
    _add_rows(first, *[(EVENT, f"SO-{n}") for n in range(400)], age_s=10)
    sent = []
    relays = [threading.Thread(target=lambda o=o: sent.append(o.relay(batch=100)))
              for o in (first, second) for _ in range(3)]
    for relay in relays:
        relay.start()
    for relay in relays:
        relay.join()
    while first.relay() or second.relay():
        pass
    bodies = take_all(amqp_uri, QUEUE, expect=400, timeout=20)
    assert len(bodies) == 400, "a row published twice"
    assert sorted(body["order_no"] for body in bodies) == sorted(f"SO-{n}" for n in range(400))
