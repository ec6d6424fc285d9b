"""The acting person, signed by the gateway and verified by every service (issue 8.9).

Anyone who can publish on the broker could otherwise claim to be anyone. The
gateway signs the actor it authenticated with a key it shares with the services
(`ACTOR_SIGNING_KEY`); a service accepts an actor only with a valid, unexpired
signature. The signature covers `Actor.signing_text()`.
"""

from __future__ import annotations

import hmac
import logging
import os
import time
from hashlib import sha256

from contracts.errors import Forbidden
from contracts.rpc.common import Actor
from servicekit.rpcs import parse

log = logging.getLogger(__name__)
# The embedded development key: `make run` generates a real one into var/, and a
# production configuration (ORDERSUITE_ENV=production) refuses to start without one.
DEVELOPMENT_KEY = "ordersuite-development-actor-signing-key"
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
    return DEVELOPMENT_KEY.encode()


def signature_of(actor: Actor, key: bytes) -> str:
    return hmac.new(key, actor.signing_text().encode(), sha256).hexdigest()


def sign(actor: Actor | dict, key: bytes, *, ttl_s: int = SIGNATURE_TTL_S,
         now: float | None = None) -> dict:
    """The actor as a JSON-safe dict with its expiry and signature (tests, service calls)."""
    actor = actor if isinstance(actor, Actor) else Actor.model_validate(actor)
    actor = actor.model_copy(update={"expires": int((now or time.time()) + ttl_s),
                                     "signature": None})
    return {**actor.model_dump(mode="json"), "signature": signature_of(actor, key)}


def verify(payload, key: bytes, *, now: float | None = None) -> Actor:
    """The actor, if the gateway signed it and the signature has not expired; else Forbidden."""
    actor = parse(Actor, payload)
    if not actor.signature or actor.expires is None:
        raise Forbidden("the actor is not signed: calls must come through the gateway")
    expected = signature_of(actor, key)
    if not hmac.compare_digest(expected, actor.signature):
        raise Forbidden("the actor's signature does not match: refused")
    if actor.expires < (now or time.time()):
        raise Forbidden("the actor's signature has expired: refused")
    return actor
