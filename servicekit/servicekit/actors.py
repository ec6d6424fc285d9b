"""The acting person, signed by the gateway and verified by every service (issue 8.9).

Anyone who can publish on the broker could otherwise claim to be anyone. The
gateway signs the actor it authenticated with a key it shares with the services
(`ACTOR_SIGNING_KEY`); a service accepts an actor only with a valid, unexpired
signature. The signature covers `Actor.signing_text()`.
"""

from __future__ import annotations

import hmac
import os
import time

from contracts.errors import Forbidden
from contracts.rpc.common import DEVELOPMENT_SIGNING_KEY, Actor
from servicekit.rpcs import parse

SIGNATURE_TTL_S = 300


class MissingSigningKey(RuntimeError):
    """Production configuration without ACTOR_SIGNING_KEY."""


def signing_key(config: dict | None = None) -> bytes:
    config = config or {}
    key = config.get("ACTOR_SIGNING_KEY") or os.environ.get("ACTOR_SIGNING_KEY")
    if key:
        return key.encode()
    environment = config.get("ORDERSUITE_ENV") or os.environ.get("ORDERSUITE_ENV", "")
    if environment.lower() == "production":
        raise MissingSigningKey("ACTOR_SIGNING_KEY is not set: a production service will not "
                                "trust unsigned actors")
    return DEVELOPMENT_SIGNING_KEY


def sign(actor: Actor | dict, key: bytes, *, ttl_s: int = SIGNATURE_TTL_S,
         now: float | None = None) -> dict:
    """The actor as a JSON-safe dict with its expiry and signature (tests, service calls)."""
    actor = actor if isinstance(actor, Actor) else Actor.model_validate(actor)
    return actor.signed(key, int((now or time.time()) + ttl_s))


def verify(payload, key: bytes, *, now: float | None = None) -> Actor:
    """The actor, if the gateway signed it and the signature has not expired; else Forbidden."""
    actor = parse(Actor, payload)
    if not actor.signature or actor.expires is None:
        raise Forbidden("the actor is not signed: calls must come through the gateway")
    expected = actor.signature_with(key)
    if not hmac.compare_digest(expected, actor.signature):
        raise Forbidden("the actor's signature does not match: refused")
    if actor.expires < (now or time.time()):
        raise Forbidden("the actor's signature has expired: refused")
    return actor
