"""A short-lived cache of the busiest reads (an order, its journey), shared by the gateway's
worker processes in Redis, that never answers what a change has made old (issue 16).

Every cached body is stored with the *generations* it was read under: the group's (bumped by
every command through the gateway, `bump_all`, before its answer leaves) and each order's it
shows (bumped by every event on the order, `gateway.core.readcache_feed`). A lookup reads
those generations and the body in one round trip; a body read under an older generation is
a miss. A read that raced a change stores its body under the generation it read *before*
asking the services, so the change's bump makes it a miss — never a stale hit. What no
event announces (an event handler's own change, should it publish nothing) is seen after
at most the TTL (`READ_CACHE_TTL_S`, a couple of seconds; 0 turns the cache off).

Keys are per user, roles and companies as signed for the services: one person's answer is
never another's. Only successful answers are kept; `Cache-Control: no-cache` on a request
bypasses the cache (and refreshes it). Redis unreachable: every read is a miss, logged.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Iterable

log = logging.getLogger(__name__)
PREFIX = "ordersuite:read"
GENERATION_TTL_FACTOR = 20  # an order's generation outlives every body read under it


def namespace_of(*parts: str) -> str:
    """One deployment's keys (its broker vhost and data folder): test suites sharing a
    Redis never read each other's orders."""
    return hashlib.sha256("\x00".join(parts).encode()).hexdigest()[:12]


class Entry:
    """One cached read: its body if it is still current, else what storing it needs."""

    def __init__(self, cache: ReadCache | None, key: str, generations: dict[str, str],
                 body: bytes | None = None):
        self.cache = cache
        self.key = key
        self.generations = generations  # "*" the group's, else an order number's
        self.body = body

    async def depend_on(self, order_nos: Iterable[str]) -> None:
        """The answer will also show these orders: read their generations before asking
        the services about them."""
        fresh = [no for no in order_nos if no not in self.generations]
        if self.cache is not None and fresh:
            self.generations.update(await self.cache.generations_of(fresh))

    async def store(self, body: bytes) -> None:
        if self.cache is not None:
            await self.cache.store(self, body)


class ReadCache:
    def __init__(self, redis, namespace: str, ttl_s: float):
        self.redis = redis
        self.namespace = namespace
        self.prefix = f"{PREFIX}:{namespace}"
        self.ttl_ms = max(int(ttl_s * 1000), 1)
        self.generation_ttl_ms = self.ttl_ms * GENERATION_TTL_FACTOR

    def _generation_key(self, scope: str) -> str:
        return f"{self.prefix}:gen:{scope}"

    async def lookup(self, kind: str, order_no: str, who: tuple) -> Entry:
        """The entry of `kind` of `order_no` as `who` reads it: with its body if current."""
        key = f"{self.prefix}:{kind}:{order_no}:" + hashlib.sha256(
            repr(who).encode()).hexdigest()[:16]
        try:
            group, order, stored = await self.redis.mget(
                self._generation_key("*"), self._generation_key(order_no), key)
            generations = {"*": _text(group), order_no: _text(order)}
            if stored is None:
                return Entry(self, key, generations)
            header, _, body = stored.partition(b"\n")
            kept = json.loads(header)
            if any(generations.get(scope, kept[scope]) != kept[scope] for scope in kept):
                return Entry(self, key, generations)
            others = [scope for scope in kept if scope not in generations]
            if others and await self.generations_of(others) != {s: kept[s] for s in others}:
                return Entry(self, key, generations)
            return Entry(self, key, generations, body)
        except Exception as exc:  # noqa: BLE001 - any failure of the cache is a miss
            log.warning("read cache unavailable: %s", exc)
            return Entry(None, key, {})

    async def generations_of(self, scopes: list[str]) -> dict[str, str]:
        values = await self.redis.mget([self._generation_key(s) for s in scopes])
        return {scope: _text(value) for scope, value in zip(scopes, values, strict=True)}

    async def store(self, entry: Entry, body: bytes) -> None:
        try:
            header = json.dumps(entry.generations, separators=(",", ":")).encode()
            await self.redis.set(entry.key, header + b"\n" + body, px=self.ttl_ms)
        except Exception as exc:  # noqa: BLE001 - not kept: the next read asks again
            log.warning("read cache: could not keep %s: %s", entry.key, exc)

    async def bump(self, order_nos: Iterable[str]) -> None:
        """Every cached read of these orders is old (an event on them was published)."""
        async with self.redis.pipeline(transaction=False) as pipe:
            for order_no in order_nos:
                key = self._generation_key(order_no)
                pipe.incr(key)
                pipe.pexpire(key, self.generation_ttl_ms)
            await pipe.execute()

    async def bump_all(self) -> None:
        """Every cached read is old (a command went through the gateway)."""
        await self.redis.incr(self._generation_key("*"))


def _text(value) -> str:
    return "0" if value is None else value.decode() if isinstance(value, bytes) else str(value)
