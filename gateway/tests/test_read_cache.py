"""The read cache (issue 16) never answers what a change made old: real Redis, and for the
events that make it old, the real broker."""

from __future__ import annotations

import asyncio
import json
import os
import uuid

import aio_pika
import pytest
import redis.asyncio

from gateway.core.readcache import ReadCache, namespace_of
from gateway.core.readcache_feed import EVENTS_EXCHANGE, ReadCacheFeed, order_no_of
from servicekit.testing import create_vhost, delete_vhost, rabbit_api  # noqa: F401

REDIS_URL = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0")
ALICE = ("alice", ("sales",), ("P1",))
BOB = ("bob", ("sales",), ("P2",))


def run(scenario, ttl_s: float = 5.0):
    """`scenario(cache)` against Redis, in a namespace of its own."""

    async def main():
        client = redis.asyncio.from_url(REDIS_URL, socket_connect_timeout=2)
        try:
            return await scenario(ReadCache(client, namespace_of(uuid.uuid4().hex), ttl_s))
        finally:
            await client.aclose()

    return asyncio.run(main())


async def read(cache: ReadCache, order_no: str = "SO-1", who=ALICE):
    return (await cache.lookup("journey", order_no, who)).body


async def kept(cache: ReadCache, body: bytes, order_no: str = "SO-1", who=ALICE,
               also: tuple[str, ...] = ()):
    entry = await cache.lookup("journey", order_no, who)
    await entry.depend_on(also)
    await entry.store(body)


def test_a_kept_read_is_answered_until_an_event_on_its_order_makes_it_old():
    async def scenario(cache):
        assert await read(cache) is None
        await kept(cache, b'{"v":1}')
        hit = await read(cache)
        await cache.bump(["SO-2"])  # another order: still current
        still = await read(cache)
        await cache.bump(["SO-1"])
        return hit, still, await read(cache)

    assert run(scenario) == (b'{"v":1}', b'{"v":1}', None)


def test_any_command_makes_every_kept_read_old():
    async def scenario(cache):
        await kept(cache, b"a", "SO-1")
        await kept(cache, b"b", "SO-2")
        await cache.bump_all()
        return await read(cache, "SO-1"), await read(cache, "SO-2")

    assert run(scenario) == (None, None)


def test_a_read_that_raced_a_change_is_kept_under_the_old_generation_so_it_is_never_a_hit():
    async def scenario(cache):
        entry = await cache.lookup("journey", "SO-1", ALICE)  # asks the services next ...
        await cache.bump(["SO-1"])  # ... while the order changes and its event arrives
        await entry.store(b"what the services said before the change")
        return await read(cache)

    assert run(scenario) is None


def test_a_journey_is_old_when_a_sister_companys_instruction_for_it_changes():
    async def scenario(cache):
        await kept(cache, b"with CP-1", also=("CP-1",))
        before = await read(cache)
        await cache.bump(["CP-1"])
        return before, await read(cache)

    assert run(scenario) == (b"with CP-1", None)


def test_one_persons_read_is_never_anothers():
    async def scenario(cache):
        await kept(cache, b"alice's", who=ALICE)
        return await read(cache, who=BOB), await read(cache, who=ALICE)

    assert run(scenario) == (None, b"alice's")


def test_a_kept_read_ends_after_its_ttl():
    async def scenario(cache):
        await kept(cache, b"short")
        await asyncio.sleep(0.4)
        return await read(cache)

    assert run(scenario, ttl_s=0.2) is None


def test_redis_down_makes_every_read_a_miss_not_an_error():
    async def main():
        client = redis.asyncio.from_url("redis://127.0.0.1:1/0", socket_connect_timeout=0.2)
        cache = ReadCache(client, "down", 2)
        entry = await cache.lookup("order", "SO-1", ALICE)
        await entry.store(b"nowhere")  # not kept, not raised
        await client.aclose()
        return entry.body

    assert asyncio.run(main()) is None


def test_the_order_an_event_names_is_read_from_its_envelope():
    assert order_no_of(json.dumps({"event_type": "x", "order_no": "SO-9"}).encode()) == "SO-9"
    assert order_no_of(b'{"event_type": "masterdata.changed"}') is None
    assert order_no_of(b"not json") is None
    assert order_no_of(b"[1, 2]") is None


@pytest.fixture
def own_vhost(rabbit_api):  # noqa: F811 - no other test's events on it
    vhost, uri = create_vhost(rabbit_api)
    yield uri
    delete_vhost(rabbit_api, vhost)


def test_an_event_published_on_the_broker_makes_its_orders_reads_old(own_vhost):
    amqp_uri = own_vhost

    async def scenario(cache):
        feed = await ReadCacheFeed(amqp_uri, cache).start()
        try:
            await kept(cache, b"before", "SO-7")
            await kept(cache, b"other", "SO-8")
            connection = await aio_pika.connect(amqp_uri)
            async with connection:
                channel = await connection.channel()
                exchange = await channel.get_exchange(EVENTS_EXCHANGE)  # the feed's
                body = json.dumps({"event_type": "sales.order_effective",
                                   "order_no": "SO-7"}).encode()
                await exchange.publish(aio_pika.Message(body),
                                       routing_key="sales.order_effective")
            for _ in range(100):  # the feed consumes it within moments
                if await read(cache, "SO-7") is None:
                    break
                await asyncio.sleep(0.05)
            return await read(cache, "SO-7"), await read(cache, "SO-8")
        finally:
            await feed.stop()

    assert run(scenario, ttl_s=30) == (None, b"other")


@pytest.mark.parametrize("header, refreshes", [("no-cache", True), ("max-age=0, no-cache", True),
                                               ("max-age=60", False), ("", False)])
def test_a_client_asks_past_the_cache_with_no_cache(header, refreshes):
    from starlette.requests import Request

    from gateway.api.reads import refreshing

    scope = {"type": "http", "headers": [(b"cache-control", header.encode())] if header else []}
    assert refreshing(Request(scope)) is refreshes
