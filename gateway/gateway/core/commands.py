"""Tell the client the Idempotency-Key its command ran under when it sent none.

The gateway gives every command an id (gateway.api.deps.Services); when the
client sent no Idempotency-Key, the key made for it is answered in the
`Idempotency-Key` header, so that a client told "outcome unknown" (503) can
retry with it and learn what happened.
"""

from __future__ import annotations

from fastapi import FastAPI
from starlette.types import ASGIApp, Message, Receive, Scope, Send


class AnswerGeneratedKey:
    """Plain ASGI (a `@app.middleware("http")` costs every request a task, issue 16):
    the key made for the request's commands (request.state, i.e. scope["state"]) goes
    into the response's headers unless the route set one."""

    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            return await self.app(scope, receive, send)

        async def with_key(message: Message) -> None:
            if message["type"] == "http.response.start":
                key = scope.get("state", {}).get("generated_idempotency_key")
                headers = message.get("headers", [])
                if key and not any(name.lower() == b"idempotency-key" for name, _ in headers):
                    message["headers"] = [*headers, (b"idempotency-key", key.encode())]
            await send(message)

        await self.app(scope, receive, with_key)


def install(app: FastAPI) -> None:
    app.add_middleware(AnswerGeneratedKey)
