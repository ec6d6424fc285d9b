"""Idempotent POSTs: an ``Idempotency-Key`` header makes a retried request safe.

The first successful (2xx) response to a key is stored for 24 h (Redis,
``REDIS_URL``) and replayed, with ``Idempotent-Replayed: true``, for a repeat
of the same request with the same key: a client that retries after a timeout
does not create a second order. Keys are per user (the token's subject).

- the same key with a different request (path or body): 422;
- the same key while the first request is still running: 409 (retry later);
- a non-2xx answer is not stored: the key is freed so the client may retry — a
  command that did run is still answered once, since the service keeps its reply
  under a command id made from the same key (servicekit.commands);
- no key, or no valid token (the route answers 401): passed through untouched;
- the store unreachable: 503 for keyed requests (better than a duplicate order).

A pure ASGI middleware, so the request body is read once and handed on intact.
"""

from __future__ import annotations

import base64
import hashlib
import json
import logging
from typing import Protocol

from starlette.datastructures import Headers
from starlette.responses import JSONResponse, Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from gateway.core.asgi import read_body
from gateway.core.errors import error_body
from gateway.core.security import InvalidToken, decode_access_token

log = logging.getLogger(__name__)
HEADER = "idempotency-key"
REPLAYED = "Idempotent-Replayed"
MAX_KEY_LENGTH = 255
KEPT_HEADERS = ("content-type", "location", "idempotency-key")
CLAIM_TTL_S = 120


class IdempotencyStore(Protocol):
    async def set(self, key: str, value: str, *, ex: int, nx: bool = False) -> bool | None: ...

    async def get(self, key: str) -> bytes | str | None: ...

    async def delete(self, key: str) -> int: ...


class MemoryStore:
    """In-process store with redis' call shapes (tests; a single process without Redis)."""

    def __init__(self):
        self.data: dict[str, str] = {}

    async def set(self, key: str, value: str, *, ex: int, nx: bool = False) -> bool | None:
        if nx and key in self.data:
            return None
        self.data[key] = value
        return True

    async def get(self, key: str) -> str | None:
        return self.data.get(key)

    async def delete(self, key: str) -> int:
        return int(self.data.pop(key, None) is not None)


def request_fingerprint(method: str, path: str, query: bytes, body: bytes) -> str:
    return hashlib.sha256(b"\n".join([method.encode(), path.encode(), query, body])).hexdigest()


def storage_key(principal: str, key: str) -> str:
    return f"idempotency:{principal}:{hashlib.sha256(key.encode()).hexdigest()}"


def _error(status: int, kind: str, message: str, **headers: str) -> Response:
    return JSONResponse(error_body(kind, message), status_code=status, headers=headers or None)


class IdempotencyMiddleware:
    def __init__(self, app: ASGIApp, *, secret: str, algorithm: str, ttl_s: int):
        self.app = app
        self.secret = secret
        self.algorithm = algorithm
        self.ttl_s = ttl_s

    def _principal(self, headers: Headers) -> str | None:
        scheme, _, token = headers.get("authorization", "").partition(" ")
        if scheme.lower() != "bearer" or not token:
            return None
        try:
            return decode_access_token(token.strip(), secret=self.secret,
                                       algorithm=self.algorithm)
        except InvalidToken:
            return None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "POST":
            return await self.app(scope, receive, send)
        headers = Headers(scope=scope)
        key = headers.get(HEADER)
        if key is None:
            return await self.app(scope, receive, send)
        if not 1 <= len(key) <= MAX_KEY_LENGTH:
            return await _error(422, "InvalidRequest", f"Idempotency-Key must be 1 to "
                                f"{MAX_KEY_LENGTH} characters")(scope, receive, send)

        read = await read_body(receive)
        if read is None:
            return
        body, receive_again = read

        principal = self._principal(headers)
        store: IdempotencyStore | None = getattr(scope["app"].state, "idempotency_store", None)
        if principal is None or store is None:
            return await self.app(scope, receive_again, send)

        fingerprint = request_fingerprint(scope["method"], scope["path"],
                                          scope.get("query_string", b""), body)
        store_key = storage_key(principal, key)
        try:
            # The claim outlives any request it guards, but not by a day: a gateway that
            # died mid-request must not lock its client's key out until the store forgets.
            claimed = await store.set(store_key, json.dumps(
                {"state": "in_progress", "fingerprint": fingerprint}),
                ex=min(self.ttl_s, CLAIM_TTL_S), nx=True)
            stored = None if claimed else await store.get(store_key)
        except Exception as exc:  # redis down: refuse rather than risk a duplicate
            log.error("idempotency store unavailable: %s", exc)
            return await _error(503, "ServiceUnavailable", "the idempotency store is "
                                "unavailable; retry later", **{"Retry-After": "5"}
                                )(scope, receive, send)

        if not claimed:
            return await self._answer_repeat(stored, fingerprint)(scope, receive, send)

        status, response_headers, response_chunks = 500, [], []

        async def capture(message: Message) -> None:
            nonlocal status, response_headers
            if message["type"] == "http.response.start":
                status = message["status"]
                response_headers = message.get("headers", [])
            elif message["type"] == "http.response.body":
                response_chunks.append(message.get("body", b""))
            await send(message)

        try:
            await self.app(scope, receive_again, capture)
        finally:
            try:
                if 200 <= status < 300:
                    kept = {name.decode().lower(): value.decode("latin-1")
                            for name, value in response_headers
                            if name.decode().lower() in KEPT_HEADERS}
                    await store.set(store_key, json.dumps({
                        "state": "done", "fingerprint": fingerprint, "status": status,
                        "headers": kept,
                        "body": base64.b64encode(b"".join(response_chunks)).decode(),
                    }), ex=self.ttl_s)
                else:
                    await store.delete(store_key)
            except Exception as exc:
                log.error("idempotency key %s not recorded: %s", store_key, exc)

    @staticmethod
    def _answer_repeat(stored: bytes | str | None, fingerprint: str) -> Response:
        record = json.loads(stored) if stored else None
        if record is None:  # freed (the first attempt failed) or expired in between
            return _error(409, "Conflict", "the earlier request with this Idempotency-Key "
                          "did not complete; retry", **{"Retry-After": "1"})
        if record["fingerprint"] != fingerprint:
            return _error(422, "InvalidRequest", "this Idempotency-Key was used for a "
                          "different request")
        if record["state"] != "done":
            return _error(409, "Conflict", "a request with this Idempotency-Key is still "
                          "being processed; retry later", **{"Retry-After": "1"})
        return Response(base64.b64decode(record["body"]), status_code=record["status"],
                        headers={**record["headers"], REPLAYED: "true"})
