"""Remote errors become HTTP statuses with one clear JSON body shape.

    {"error": {"type": "Conflict", "message": "...", "details": {...}}}

Business errors keep the status their contract class declares (422, 404,
409, 403); an unexpected remote failure is a 502, not a leaked traceback.
"""

from __future__ import annotations

import logging

from contracts.errors import HTTP_STATUS_BY_ERROR
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse

from gateway.rpc.errors import RemoteError, RpcTimeout, ServiceUnavailable

log = logging.getLogger(__name__)


def error_body(kind: str, message: str, details: dict | None = None) -> dict:
    return {"error": {"type": kind, "message": message, "details": details or {}}}


async def on_remote_error(request: Request, exc: RemoteError) -> JSONResponse:
    status = HTTP_STATUS_BY_ERROR.get(exc.exc_type or "")
    if status is None:
        log.error("unexpected remote error on %s: %s %s", request.url.path, exc.exc_type,
                  exc.value)
        return JSONResponse(error_body("UpstreamError", "a service failed to answer; "
                                       "the failure is logged"), status_code=502)
    message, details = exc.value, {}
    if len(exc.exc_args) >= 1 and isinstance(exc.exc_args[0], str):
        message = exc.exc_args[0]
    if len(exc.exc_args) >= 2 and isinstance(exc.exc_args[1], dict):
        details = exc.exc_args[1]
    return JSONResponse(error_body(exc.exc_type, message, details), status_code=status)


async def on_unavailable(request: Request, exc: ServiceUnavailable) -> JSONResponse:
    return JSONResponse(error_body("ServiceUnavailable", str(exc)), status_code=503,
                        headers={"Retry-After": "5"})


async def on_timeout(request: Request, exc: RpcTimeout) -> JSONResponse:
    return JSONResponse(error_body("Timeout", str(exc)), status_code=504)


async def on_validation(request: Request, exc: RequestValidationError) -> JSONResponse:
    errors = [{"loc": list(err["loc"]), "msg": err["msg"], "type": err["type"]}
              for err in exc.errors()]
    return JSONResponse(error_body("InvalidRequest", "the request failed validation",
                                   {"errors": errors}), status_code=422)


def install(app: FastAPI) -> None:
    app.add_exception_handler(RemoteError, on_remote_error)
    app.add_exception_handler(ServiceUnavailable, on_unavailable)
    app.add_exception_handler(RpcTimeout, on_timeout)
    app.add_exception_handler(RequestValidationError, on_validation)
