"""Brute-force protection of sign-in: failed attempts counted per username and per client.

Each failed ``POST /auth/token`` increments two counters in Redis (``REDIS_URL``):
one for the username, one for the client address, each living
``LOGIN_FAILURE_WINDOW_S`` from its first failure. When a counter reaches its
limit (``LOGIN_MAX_FAILURES_PER_USER``, ``LOGIN_MAX_FAILURES_PER_CLIENT``), that
username or that client is locked for ``LOGIN_LOCKOUT_S``: every attempt is
answered 429 with ``Retry-After`` - the right password too, and without running
the (deliberately slow) password hash. A successful sign-in clears the
username's failures, never the client's (an attacker's own account must not
reset the count of the address it guesses from).

Counters live in Redis so that every gateway process shares them and a restart
does not reset them. If Redis does not answer, sign-in is not refused: the
limiter logs the error and lets the attempt through (a Redis outage must not
sign everyone out of new sessions; tokens already issued keep working anyway).

Keys: ``<prefix>:fail:user:<sha256>``, ``<prefix>:lock:user:<sha256>`` and the same
with ``client``; usernames are hashed (case-folded), so an arbitrary username
cannot make an arbitrary key.
"""

from __future__ import annotations

import hashlib
import logging
import math
from dataclasses import dataclass

log = logging.getLogger(__name__)
DEFAULT_PREFIX = "login-limit"


@dataclass(frozen=True)
class Limits:
    max_failures_per_user: int = 10
    max_failures_per_client: int = 100
    window_s: int = 15 * 60
    lockout_s: int = 15 * 60

    @classmethod
    def from_settings(cls, settings) -> Limits:
        return cls(settings.LOGIN_MAX_FAILURES_PER_USER, settings.LOGIN_MAX_FAILURES_PER_CLIENT,
                   settings.LOGIN_FAILURE_WINDOW_S, settings.LOGIN_LOCKOUT_S)


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "replace")).hexdigest()


class LoginLimiter:
    """Per-username and per-client failure counts with lockouts, in an asyncio Redis client."""

    def __init__(self, redis, limits: Limits | None = None, *, prefix: str = DEFAULT_PREFIX):
        self.redis = redis
        self.limits = limits or Limits()
        self.prefix = prefix

    def _subjects(self, username: str, client: str | None) -> list[tuple[str, str, int]]:
        """(kind, key suffix, limit) for the username and, when known, the client address."""
        subjects = [("user", _digest(username.strip().casefold()),
                     self.limits.max_failures_per_user)]
        if client:
            subjects.append(("client", _digest(client), self.limits.max_failures_per_client))
        return subjects

    def _key(self, what: str, kind: str, digest: str) -> str:
        return f"{self.prefix}:{what}:{kind}:{digest}"

    async def retry_after(self, username: str, client: str | None) -> int | None:
        """Seconds until this username and client may try again; None when not locked."""
        try:
            waits = []
            for kind, digest, _ in self._subjects(username, client):
                ttl_ms = await self.redis.pttl(self._key("lock", kind, digest))
                if ttl_ms is not None and ttl_ms > 0:
                    waits.append(math.ceil(ttl_ms / 1000))
                elif ttl_ms == -1:  # a lock without expiry cannot happen; treat as the lockout
                    waits.append(self.limits.lockout_s)
        except Exception as exc:
            log.error("login rate limiter unavailable (attempt allowed): %s", exc)
            return None
        return max(waits) if waits else None

    async def failed(self, username: str, client: str | None) -> int | None:
        """Count a failed attempt; the lockout (seconds) if this one reached a limit."""
        locked = None
        try:
            for kind, digest, limit in self._subjects(username, client):
                counter = self._key("fail", kind, digest)
                async with self.redis.pipeline(transaction=True) as pipe:
                    pipe.incr(counter)
                    pipe.expire(counter, self.limits.window_s, nx=True)
                    count, _ = await pipe.execute()
                if count >= limit:
                    await self.redis.set(self._key("lock", kind, digest), count,
                                         ex=self.limits.lockout_s)
                    await self.redis.delete(counter)
                    log.warning("sign-in locked for %s s: %d failed attempts for this %s",
                                self.limits.lockout_s, count,
                                "username" if kind == "user" else f"client ({client})")
                    locked = self.limits.lockout_s
        except Exception as exc:
            log.error("login rate limiter unavailable (failure not counted): %s", exc)
            return None
        return locked

    async def succeeded(self, username: str) -> None:
        """A successful sign-in clears the username's failures (not the client's)."""
        try:
            (_, digest, _), *_ = self._subjects(username, None)
            await self.redis.delete(self._key("fail", "user", digest))
        except Exception as exc:
            log.error("login rate limiter unavailable: %s", exc)
