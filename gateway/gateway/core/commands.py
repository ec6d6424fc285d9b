"""Tell the client the Idempotency-Key its command ran under when it sent none.

The gateway gives every command an id (gateway.api.deps.Services); when the
client sent no Idempotency-Key, the key made for it is answered in the
`Idempotency-Key` header, so that a client told "outcome unknown" (503) can
retry with it and learn what happened.
"""

from __future__ import annotations

from fastapi import FastAPI, Request


def install(app: FastAPI) -> None:
    @app.middleware("http")
    async def answer_generated_key(request: Request, call_next):
        response = await call_next(request)
        key = getattr(request.state, "generated_idempotency_key", None)
        if key and "idempotency-key" not in response.headers:
            response.headers["Idempotency-Key"] = key
        return response
