"""RabbitMQ topology for integration events, derived from the contracts catalog.

    publisher ──► ordersuite.events (topic, key = event_type) ──► <consumer>.<event_type>
    failed handler ──► ordersuite.delay.<ms> (fanout) ──► delay queue (TTL)
        ──► dead-lettered to ordersuite.retry (direct, key = consumer queue) ──► back in line
    retries exhausted or malformed ──► <consumer>.dead-letters (with the reason in headers)

Everything is durable and declared idempotently by every service at start-up,
so no event is published before its consumers' queues exist. On a RabbitMQ cluster
(`QUEUE_TYPE=quorum`, infra/k8s) every queue here and each service's command queue
(`rpc-<service>`, servicekit.rpcs) is a quorum queue, replicated over the nodes, so a
node's loss loses no message; a single development node keeps classic queues (a
queue's type cannot change once declared).
"""

from __future__ import annotations

import os

from kombu import Connection, Exchange, Queue

from contracts.catalog import CATALOG, SERVICES
from contracts.deadletters import dead_letter_queue_name

EVENTS_EXCHANGE = Exchange("ordersuite.events", type="topic", durable=True)
RETRY_EXCHANGE = Exchange("ordersuite.retry", type="direct", durable=True)


def queue_arguments() -> dict:
    """The declaration arguments of every durable queue: quorum on a cluster."""
    return {"x-queue-type": "quorum"} if os.environ.get("QUEUE_TYPE") == "quorum" else {}


def consumer_queue_name(service: str, event_type: str) -> str:
    return f"{service}.{event_type}"


def consumer_queue(service: str, event_type: str) -> Queue:
    name = consumer_queue_name(service, event_type)
    # declare_all adds a second binding, from the retry exchange, that brings
    # retried messages back to this queue only.
    return Queue(name, exchange=EVENTS_EXCHANGE, routing_key=event_type, durable=True,
                 queue_arguments=queue_arguments())


def delay_exchange(delay_ms: int) -> Exchange:
    return Exchange(f"ordersuite.delay.{delay_ms}", type="fanout", durable=True)


def delay_queue(delay_ms: int) -> Queue:
    # Messages wait out the TTL, then RabbitMQ dead-letters them to the retry
    # exchange with their original routing key: the consumer queue's name.
    return Queue(
        f"ordersuite.delay.{delay_ms}",
        exchange=delay_exchange(delay_ms),
        durable=True,
        queue_arguments={
            "x-message-ttl": delay_ms,
            "x-dead-letter-exchange": RETRY_EXCHANGE.name,
            **queue_arguments(),
        },
    )


def dead_letter_queue(service: str) -> Queue:
    return Queue(dead_letter_queue_name(service), durable=True,
                 queue_arguments=queue_arguments())


def declare_all(connection: Connection, retry_delays_ms: tuple[int, ...]) -> list[str]:
    """Declare every exchange and queue of the catalog; returns the consumer queue names."""
    channel = connection.default_channel
    for exchange in (EVENTS_EXCHANGE, RETRY_EXCHANGE):
        exchange(channel).declare()
    for delay in retry_delays_ms:
        delay_exchange(delay)(channel).declare()
        delay_queue(delay)(channel).declare()
    names = []
    for spec in CATALOG.values():
        for service in spec.consumers:
            queue = consumer_queue(service, spec.event_type)(channel)
            queue.declare()
            queue.bind_to(RETRY_EXCHANGE, routing_key=queue.name)
            names.append(queue.name)
    for service in SERVICES:
        dead_letter_queue(service)(channel).declare()
    return names
