"""The gateway signs the actor it authenticated; services verify it (servicekit.actors).

The key is shared with the services (`Settings.ACTOR_SIGNING_KEY`); `make run`
generates one into var/, and a production configuration refuses to start without
one (core/config.py). The signature covers `Actor.signing_text()` and expires.
"""

from __future__ import annotations

import time

from contracts.rpc.common import DEVELOPMENT_SIGNING_KEY, Actor

SIGNATURE_TTL_S = 300


def signing_key(configured: str) -> bytes:
    """The configured key, else the development one (the services' default too)."""
    return configured.encode() if configured else DEVELOPMENT_SIGNING_KEY


def signed(actor: Actor, *, key: bytes = DEVELOPMENT_SIGNING_KEY,
           now: float | None = None) -> dict:
    return actor.signed(key, int((now or time.time()) + SIGNATURE_TTL_S))
