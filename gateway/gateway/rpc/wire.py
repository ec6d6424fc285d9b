"""nameko 2.x RPC wire format, shared by both clients.

Bodies use kombu's JSON (nameko's default serializer), not the stdlib's, so
Decimal, datetime and UUID arguments and results travel in the same
``{"__type__": ..., "__value__": ...}`` form the services read and write.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from typing import Any

from kombu.utils import json as kombu_json

from .errors import RemoteError

EXCHANGE = "nameko-rpc"
CONTENT_TYPE = "application/json"
HEADER_PREFIX = "nameko."
CALL_ID_STACK = "call_id_stack"
# nameko's default PARENT_CALLS_TRACKED is 10: the stack holds 10 parents + this call.
MAX_CALL_ID_STACK = 11


def encode_request(args: Sequence[Any], kwargs: Mapping[str, Any]) -> bytes:
    return kombu_json.dumps({"args": list(args), "kwargs": dict(kwargs)}).encode()


def new_call_id(caller: str, method: str) -> str:
    return f"{caller}.{method}.{uuid.uuid4()}"


def request_headers(call_id: str, context: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """Headers ``nameko.<key>`` for context data, as nameko's HeaderEncoder writes them.

    A ``call_id_stack`` already in ``context`` (the caller's own parents) is
    extended, so a chain of calls stays traceable across the gateway.
    """
    context = dict(context or {})
    stack = list(context.pop(CALL_ID_STACK, None) or [])
    stack.append(call_id)
    headers = {
        HEADER_PREFIX + key: value
        for key, value in context.items()
        if value is not None  # nameko drops None headers too (AMQP can't carry them)
    }
    headers[HEADER_PREFIX + CALL_ID_STACK] = stack[-MAX_CALL_ID_STACK:]
    return headers


def decode_reply_body(body: bytes | str) -> dict[str, Any]:
    return kombu_json.loads(body)


def unpack_reply(payload: Mapping[str, Any]) -> Any:
    """Return the result of a decoded reply, or raise the remote error it carries."""
    error = payload.get("error")
    if error:
        raise RemoteError(
            error.get("exc_type"),
            error.get("value"),
            error.get("exc_path"),
            error.get("exc_args"),
        )
    return payload.get("result")
