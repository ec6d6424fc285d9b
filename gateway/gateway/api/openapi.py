"""Honest OpenAPI: every route documents the errors it can answer, in one body shape.

    @router.post("/orders", responses=refusals(API["receive_order"]))
    @router.get("/exports/lots", response_class=Response, responses=file_answer(XLSX, "..."))

The refusals come from the RPC contract table (contracts.rpc.api); the rest are
what any authenticated call through the gateway may answer.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field

from contracts.errors import InternalError, InvalidRequest
from contracts.rpc.api import Method


class ErrorDetail(BaseModel):
    type: str = Field(description="InvalidRequest | NotFound | Conflict | Forbidden | ...")
    message: str
    details: dict[str, Any] = Field(default_factory=dict)


class ErrorPublic(BaseModel):
    """Every error answer: `{"error": {"type", "message", "details"}}`."""

    error: ErrorDetail


ALWAYS = {
    400: "the body is not JSON",
    401: "not authenticated: no, a malformed, a badly signed or an expired token",
    403: "your roles or companies do not allow this",
    422: "the request failed validation (field paths in details.errors)",
    500: "a bug in a service: details.correlation_id names its logged traceback",
    503: "a service is not available, or the outcome is unknown: retry with the same "
         "Idempotency-Key",
    504: "no answer in time: retry with the same Idempotency-Key",
}


def refusals(*methods: Method, extra: dict[int, str] | None = None) -> dict[int | str, dict]:
    """The `responses=` of a route calling these methods."""
    descriptions = dict(ALWAYS)
    for method in methods:
        for error in method.refuses:
            if error in (InvalidRequest, InternalError):
                continue
            doc = (error.__doc__ or error.__name__).strip().splitlines()[0]
            descriptions[error.http_status] = f"{error.__name__}: {doc}"
    descriptions.update(extra or {})
    return {status: {"model": ErrorPublic, "description": text}
            for status, text in sorted(descriptions.items())}


def file_answer(media_type: str, description: str, *methods: Method,
                extra: dict[int, str] | None = None) -> dict[int | str, dict]:
    """The `responses=` of a route answering a file (a PDF, an .xlsx): the file, or the
    same JSON errors as every route."""
    return {**refusals(*methods, extra=extra),
            200: {"content": {media_type: {}}, "description": description}}
