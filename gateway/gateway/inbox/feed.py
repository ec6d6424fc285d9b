"""Breaches become inbox items, pushed live (X-1, X-2).

The gateway consumes every service's ``<service>.deadline_breached`` from a queue of its
own (``gateway.escalations``: several gateway processes share it, so each breach is
recorded once), names the people of the rung it reached (`ladder.recipients`), records
an item for each (`InboxStore.deliver`, idempotent), and publishes each new item on the
person's Redis channel, where whichever gateway process holds their event stream
(`GET /me/inbox/stream`) picks it up. A malformed breach event is dead-lettered to
``gateway.dead-letters`` with its reason, in servicekit's wire format
(contracts.deadletters), so `servicekit dead-letters list|replay gateway` works on it.
"""

from __future__ import annotations

import asyncio
import json
import logging
import uuid
from datetime import UTC, datetime

import aio_pika
import redis.asyncio
from pydantic import ValidationError

from contracts.catalog import SERVICES
from contracts.deadletters import dead_letter_headers, dead_letter_queue_name
from contracts.envelope import EventEnvelope
from contracts.events.common import DeadlineBreached
from gateway.inbox.ladder import recipients
from gateway.inbox.store import InboxItem, InboxStore

log = logging.getLogger(__name__)

QUEUE = "gateway.escalations"
EVENTS_EXCHANGE = "ordersuite.events"  # servicekit.topology.EVENTS_EXCHANGE
RETRY_EXCHANGE = "ordersuite.retry"  # servicekit.topology.RETRY_EXCHANGE: replays come back
DEAD_LETTERS = dead_letter_queue_name("gateway")
# What the queue is bound to; the gateway's broker user may bind to these only
# (tools/broker_users.py).
# a due time counted over a year without the official holiday schedule
ESTIMATED_NOTE = " (due time estimated: no official holiday calendar for that year yet)"
BREACH_EVENTS: tuple[str, ...] = tuple(f"{service}.deadline_breached" for service in SERVICES)


def channel_of(username: str) -> str:
    return f"ordersuite:inbox:{username}"


def outsourcing_companies(data: dict) -> frozenset[str]:
    """The co-production service companies of the group data (X-2: outsourcing)."""
    return frozenset(company["company_id"] for company in data.get("companies", [])
                     if company.get("kind") == "service")


class InboxFeed:
    def __init__(self, amqp_uri: str, redis_url: str, store: InboxStore, directory,
                 outsourcing: frozenset[str] = frozenset()):
        self.amqp_uri = amqp_uri
        self.store = store
        self.directory = directory
        self.outsourcing = outsourcing
        self.redis = redis.asyncio.from_url(redis_url, socket_connect_timeout=2)
        self._connection = None
        self._channel = None

    async def start(self) -> InboxFeed:
        self._connection = await aio_pika.connect_robust(self.amqp_uri)
        channel = self._channel = await self._connection.channel()  # publisher confirms
        await channel.set_qos(prefetch_count=20)
        exchange = await channel.declare_exchange(EVENTS_EXCHANGE, aio_pika.ExchangeType.TOPIC,
                                                  durable=True)
        retry = await channel.declare_exchange(RETRY_EXCHANGE, aio_pika.ExchangeType.DIRECT,
                                               durable=True)
        await channel.declare_queue(DEAD_LETTERS, durable=True)
        queue = await channel.declare_queue(QUEUE, durable=True)
        for event_type in BREACH_EVENTS:
            await queue.bind(exchange, routing_key=event_type)
        await queue.bind(retry, routing_key=QUEUE)  # a replayed dead letter (servicekit cli)
        await queue.consume(self._on_message)
        return self

    async def stop(self) -> None:
        if self._connection is not None:
            await self._connection.close()
        await self.redis.aclose()

    async def _on_message(self, message: aio_pika.abc.AbstractIncomingMessage) -> None:
        try:
            envelope = EventEnvelope.model_validate_json(message.body)
            breach = DeadlineBreached.model_validate(envelope.payload)
        except ValidationError as exc:  # never redelivered forever: dead-lettered
            await self.dead_letter(message, reason="malformed", error=str(exc))
            return
        try:
            new = await self.record(envelope, breach)
        except Exception:
            log.exception("could not record breach %s; it is delivered again",
                          breach.deadline_id)
            await asyncio.sleep(1)
            await message.nack(requeue=True)
            return
        await message.ack()
        for item in new:
            await self.publish(item, envelope)

    async def dead_letter(self, message: aio_pika.abc.AbstractIncomingMessage, *,
                          reason: str, error: str) -> None:
        """To ``gateway.dead-letters``, body unchanged, with why (confirmed, then acked);
        if the broker refuses it the message waits in line again."""
        headers = dead_letter_headers(message.headers, queue=QUEUE, reason=reason,
                                      error=error, attempts=1,
                                      died_at=datetime.now(UTC).isoformat())
        letter = aio_pika.Message(
            message.body, headers=headers, delivery_mode=aio_pika.DeliveryMode.PERSISTENT,
            content_type=message.content_type or "application/octet-stream",
            content_encoding=message.content_encoding or "binary",
            message_id=message.message_id or str(uuid.uuid4()))
        try:
            await self._channel.default_exchange.publish(letter, routing_key=DEAD_LETTERS,
                                                         mandatory=True)
        except Exception:
            log.exception("could not dead-letter a malformed breach event; requeueing")
            await asyncio.sleep(1)
            await message.nack(requeue=True)
            return
        await message.ack()
        log.error("malformed breach event on %s dead-lettered: %s", QUEUE, error[:300])

    async def record(self, envelope: EventEnvelope, breach: DeadlineBreached
                     ) -> list[InboxItem]:
        # the ladder of the department whose act was late (AFS-1: sales), which is
        # the tracking service's own unless the limit names another holder
        department = breach.department or envelope.producer
        people, _ = await asyncio.to_thread(self.directory.list, limit=100_000)
        names = recipients(breach.escalated_to, department, envelope.company_id, people,
                           self.outsourcing, breach.rule_id)
        if not names:
            log.warning("breach %s of %s reaches nobody: no leader, GM or group GM",
                        breach.rule_id, breach.subject)
        return await asyncio.to_thread(
            self.store.deliver, names, kind="escalation", source_id=breach.deadline_id,
            rung=breach.escalated_to, level=breach.escalation_level, rule_id=breach.rule_id,
            department=department, company_id=envelope.company_id,
            tracked_by=envelope.producer,
            order_no=envelope.order_no, subject=breach.subject,
            description=breach.description + (ESTIMATED_NOTE if breach.calendar == "estimated"
                                               else ""), due_at=breach.due_at)

    async def publish(self, item: InboxItem, envelope: EventEnvelope) -> None:
        body = {"type": "inbox_item", "item": item.model_dump(mode="json"),
                "breach_recorded_at": envelope.occurred_at.isoformat()}
        try:
            await self.redis.publish(channel_of(item.username), json.dumps(body))
        except Exception as exc:  # the item is kept; only its live push is lost
            log.warning("inbox push to %s failed: %s", item.username, exc)
