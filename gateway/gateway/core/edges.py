"""What the gateway refuses or says at its edge, before any route runs (issue 8.8).

- A NUL character in a request (body, query or path) is refused with a 422:
  PostgreSQL cannot store it, and no business text needs it. A file upload
  (multipart/form-data) is binary: its reader refuses NUL in the text it extracts.
- The OpenAPI is honest: pydantic documents a plain Decimal as "a number or any
  string", so `""` looked valid and got a 422 — the string form is given the pattern
  the validator accepts (the bounded contract types, contracts.rpc.bounds, carry an
  exact one already); and a free-text string says it holds no NUL character.
"""

from __future__ import annotations

import json
from typing import Any

from fastapi import FastAPI
from starlette.types import ASGIApp, Receive, Scope, Send

from contracts.rpc.bounds import NO_NUL
from gateway.core.asgi import read_body
from gateway.core.errors import error_body

NUL_MARKERS = (b"\x00", b"\\u0000", b"%00")
# What pydantic's Decimal validator accepts as a string (no NaN or infinity).
DECIMAL_PATTERN = r"^\s*[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?\s*$"


class RejectNulMiddleware:
    """Answer 422 to any request carrying a NUL character, reading the body once."""

    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        target = scope.get("raw_path", b"") + b"?" + scope.get("query_string", b"")
        if any(marker in target.lower() for marker in NUL_MARKERS):
            return await _refuse(send, "the request's path or query contains a NUL character")
        read = await read_body(receive)
        if read is None:
            return
        body, replay = read
        # A workbook (issue 17) is binary: its cells are checked one by one by the records'
        # models, whose text refuses NUL characters (contracts.rpc.bounds). So is a file
        # uploaded as a form (the order import, issue 15: gateway/spreadsheets.py refuses
        # NUL in the text it takes out of it).
        if not _is_binary_upload(scope) and any(marker in body for marker in NUL_MARKERS[:2]):
            return await _refuse(send, "the request body contains a NUL character")
        await self.app(scope, replay, send)


BINARY_UPLOADS = (b"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",)


def _is_binary_upload(scope: Scope) -> bool:
    for name, value in scope.get("headers", ()):
        if name == b"content-type":
            kind = value.split(b";")[0].strip().lower()
            return kind in BINARY_UPLOADS or kind == b"multipart/form-data"
    return False


async def _refuse(send: Send, message: str) -> None:
    payload = json.dumps(error_body("InvalidRequest", message)).encode()
    await send({"type": "http.response.start", "status": 422,
                "headers": [(b"content-type", b"application/json"),
                            (b"content-length", str(len(payload)).encode())]})
    await send({"type": "http.response.body", "body": payload})


def _honest_decimals(node: Any) -> None:
    if isinstance(node, dict):
        if node.get("type") == "string" and not {"pattern", "format", "enum", "const"} & set(
                node):
            node["pattern"] = NO_NUL
        branches = node.get("anyOf")
        if isinstance(branches, list):
            kinds = [b.get("type") for b in branches if isinstance(b, dict)]
            if "number" in kinds and "string" in kinds:
                for branch in branches:
                    if branch.get("type") == "string" and branch.get("pattern") in (
                            None, NO_NUL) and "format" not in branch:
                        branch["pattern"] = DECIMAL_PATTERN
        for value in node.values():
            _honest_decimals(value)
    elif isinstance(node, list):
        for value in node:
            _honest_decimals(value)


def install(app: FastAPI) -> None:
    app.add_middleware(RejectNulMiddleware)
    build = app.openapi

    def openapi() -> dict:
        if app.openapi_schema is None:
            _honest_decimals(build())
        return app.openapi_schema

    app.openapi = openapi
