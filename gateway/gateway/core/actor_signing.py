"""The gateway signs the actor it authenticated; services verify it (servicekit.actors).

The key is shared with the services (`ACTOR_SIGNING_KEY`). `make run` generates one
into var/; a production configuration (ORDERSUITE_ENV=production) without one
refuses to start. The signature covers `Actor.signing_text()` and expires.
"""

from __future__ import annotations

import functools
import hmac
import os
import time
from hashlib import sha256

from contracts.rpc.common import Actor

DEVELOPMENT_KEY = "ordersuite-development-actor-signing-key"  # as servicekit.actors
SIGNATURE_TTL_S = 300


class MissingSigningKey(RuntimeError):
    pass


@functools.cache
def signing_key() -> bytes:
    key = os.environ.get("ACTOR_SIGNING_KEY")
    if key:
        return key.encode()
    if os.environ.get("ORDERSUITE_ENV", "").lower() == "production":
        raise MissingSigningKey("ACTOR_SIGNING_KEY is not set: services would refuse every "
                                "call of a gateway that cannot sign its actors")
    return DEVELOPMENT_KEY.encode()


def signed(actor: Actor, *, now: float | None = None) -> dict:
    actor = actor.model_copy(update={"expires": int((now or time.time()) + SIGNATURE_TTL_S),
                                     "signature": None})
    signature = hmac.new(signing_key(), actor.signing_text().encode(), sha256).hexdigest()
    return {**actor.model_dump(mode="json"), "signature": signature}
