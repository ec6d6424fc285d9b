"""What makes cached reads old (gateway.core.readcache): every event, and every command.

- Events: a queue of the gateway's own, ``gateway.read-cache.<namespace>`` (one per
  deployment, as the cache's keys are), bound to every event of the
  catalog (by name: the gateway's broker user may bind to those only, tools/broker_users.py) and
  shared by the gateway's processes (a bump is in Redis, so one of them is enough); an event
  on an order bumps that order's generation, an event on none (master data) the group's.
  The queue is transient: events missed while no gateway runs are covered by the TTL.
- Commands: `CommandsMakeReadsOld`, a pure ASGI middleware, bumps the group's generation
  before the answer to any request that may change something leaves the gateway, so a
  client reads its own writes.
"""

from __future__ import annotations

import json
import logging

import aio_pika
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from contracts.catalog import CATALOG
from gateway.core.readcache import ReadCache
from gateway.inbox.feed import EVENTS_EXCHANGE

log = logging.getLogger(__name__)
QUEUE = "gateway.read-cache"  # .<the cache's namespace>
EVENTS: tuple[str, ...] = tuple(CATALOG)  # what the queue is bound to
READING = frozenset({"GET", "HEAD", "OPTIONS"})
NOT_COMMANDS = ("/auth/",)  # signing in changes no order


def order_no_of(body: bytes) -> str | None:
    """The order an event envelope names (contracts.envelope.EventEnvelope.order_no)."""
    try:
        order_no = json.loads(body).get("order_no")
    except (ValueError, AttributeError):
        return None
    return order_no if isinstance(order_no, str) and order_no else None


class ReadCacheFeed:
    def __init__(self, amqp_uri: str, cache: ReadCache):
        self.amqp_uri = amqp_uri
        self.cache = cache
        self._connection = None

    async def start(self) -> ReadCacheFeed:
        self._connection = await aio_pika.connect_robust(self.amqp_uri)
        channel = await self._connection.channel(publisher_confirms=False)
        await channel.set_qos(prefetch_count=200)
        exchange = await channel.declare_exchange(EVENTS_EXCHANGE, aio_pika.ExchangeType.TOPIC,
                                                  durable=True)
        queue = await channel.declare_queue(f"{QUEUE}.{self.cache.namespace}", durable=False,
                                            auto_delete=True)
        for event_type in EVENTS:
            await queue.bind(exchange, routing_key=event_type)
        await queue.consume(self._on_message)
        return self

    async def stop(self) -> None:
        if self._connection is not None:
            await self._connection.close()

    async def _on_message(self, message: aio_pika.abc.AbstractIncomingMessage) -> None:
        order_no = order_no_of(message.body)
        try:
            if order_no is None:
                await self.cache.bump_all()
            else:
                await self.cache.bump([order_no])
        except Exception as exc:  # noqa: BLE001 - the TTL still ages what this missed
            log.warning("read cache: event %s not applied: %s", message.routing_key, exc)
        await message.ack()


class CommandsMakeReadsOld:
    """Any request but a read: every cached read is old before its answer is sent."""

    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        cache = None
        if (scope["type"] == "http" and scope["method"] not in READING
                and not scope["path"].startswith(NOT_COMMANDS)):
            cache = getattr(scope["app"].state, "read_cache", None)  # made at start-up
        if cache is None:
            await self.app(scope, receive, send)
            return

        async def send_after_bump(message: Message) -> None:
            if message["type"] == "http.response.start":
                try:
                    await cache.bump_all()
                except Exception as exc:  # noqa: BLE001 - reads age by their TTL then
                    log.warning("read cache: command not applied: %s", exc)
            await send(message)

        await self.app(scope, receive, send_after_bump)
