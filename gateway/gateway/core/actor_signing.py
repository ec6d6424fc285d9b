"""The gateway signs the actor it authenticated; services verify it (servicekit.actors).

The key is shared with the services (`Settings.ACTOR_SIGNING_KEY`); `make run`
generates one into var/, and a production configuration refuses to start without
one (core/config.py). The signature covers `Actor.signing_text()` and expires.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Hashable

from contracts.rpc.common import DEVELOPMENT_SIGNING_KEY, Actor

SIGNATURE_TTL_S = 300


def signing_key(configured: str) -> bytes:
    """The configured key, else the development one (the services' default too)."""
    return configured.encode() if configured else DEVELOPMENT_SIGNING_KEY


def signed(actor: Actor, *, key: bytes = DEVELOPMENT_SIGNING_KEY,
           now: float | None = None) -> dict:
    return actor.signed(key, int((now or time.time()) + SIGNATURE_TTL_S))


REUSE_WHILE_S = 240  # a cached signature is reused while more than 60 s of it are left
_signed_by_user: dict[tuple[Hashable, bytes], dict] = {}


def signed_for(who: Hashable, actor: Callable[[], Actor], *,
               key: bytes = DEVELOPMENT_SIGNING_KEY, now: float | None = None) -> dict:
    """The signed actor of `who` (a user as they are now: name, roles, companies), signed
    again only when its signature nears its expiry: the HMAC and the actor's validation
    are not paid on every request (issue 16); a changed role is a new `who`."""
    now = time.time() if now is None else now
    cached = _signed_by_user.get((who, key))
    if cached is None or cached["expires"] - now < SIGNATURE_TTL_S - REUSE_WHILE_S:
        if len(_signed_by_user) > 10_000:  # bounded: users, not requests
            _signed_by_user.clear()
        cached = _signed_by_user[(who, key)] = signed(actor(), key=key, now=now)
    return cached
