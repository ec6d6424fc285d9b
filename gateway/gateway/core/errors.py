"""Remote errors become HTTP statuses with one clear JSON body shape.

    {"error": {"type": "Conflict", "message": "...", "details": {...}}}

Business errors keep the status their contract class declares (422, 404,
409, 403); an unexpected remote failure is a 502, not a leaked traceback.
Authentication failures are 401 with ``WWW-Authenticate: Bearer``; a missing
role or a company the user does not work for is 403 (type ``Forbidden``).
"""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import Route

from contracts.errors import HTTP_STATUS_BY_ERROR
from gateway.core.workbooks import BadWorkbook
from gateway.rpc.errors import MalformedReply, RemoteError, RpcTimeout, ServiceUnavailable

log = logging.getLogger(__name__)


class Unauthorized(Exception):
    """No valid credentials: missing, malformed, badly signed or expired token, or bad login."""

    def __init__(self, message: str = "not authenticated"):
        super().__init__(message)
        self.message = message


class PermissionDenied(Exception):
    """Authenticated, but the user's roles or companies do not allow this."""

    def __init__(self, message: str, details: dict | None = None):
        super().__init__(message)
        self.message = message
        self.details = details or {}


class InvalidInput(Exception):
    """The gateway itself refuses the input (e.g. a spreadsheet's rows): 422 with details."""

    def __init__(self, message: str, details: dict | None = None):
        super().__init__(message)
        self.message = message
        self.details = details or {}


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


async def on_malformed_reply(request: Request, exc: MalformedReply) -> JSONResponse:
    log.error("%s on %s", exc, request.url.path)
    return JSONResponse(error_body("UpstreamError", str(exc)), status_code=502)


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


async def on_unauthorized(request: Request, exc: Unauthorized) -> JSONResponse:
    return JSONResponse(error_body("Unauthorized", exc.message), status_code=401,
                        headers={"WWW-Authenticate": "Bearer"})


async def on_invalid_input(request: Request, exc: InvalidInput) -> JSONResponse:
    return JSONResponse(error_body("InvalidRequest", exc.message, exc.details), status_code=422)


async def on_permission_denied(request: Request, exc: PermissionDenied) -> JSONResponse:
    return JSONResponse(error_body("Forbidden", exc.message, exc.details), status_code=403)


HTTP_ERROR_TYPES = {400: "BadRequest", 401: "Unauthorized", 403: "Forbidden", 404: "NotFound",
                    405: "MethodNotAllowed", 409: "Conflict", 415: "UnsupportedMediaType",
                    422: "InvalidRequest", 429: "TooManyRequests", 503: "ServiceUnavailable"}


async def on_http_exception(request: Request, exc: StarletteHTTPException) -> JSONResponse:
    """Framework errors (unknown path, wrong method) in the same body shape; a 405 says
    which methods the path does allow (RFC 9110)."""
    kind = HTTP_ERROR_TYPES.get(exc.status_code, "HTTPError")
    message = exc.detail if isinstance(exc.detail, str) else kind
    headers = dict(getattr(exc, "headers", None) or {})
    if exc.status_code == 405:
        headers["Allow"] = ", ".join(allowed_methods(request))
    return JSONResponse(error_body(kind, message), status_code=exc.status_code,
                        headers=headers or None)


def allowed_methods(request: Request) -> list[str]:
    """The methods of the routes of this path; a literal path's own only (reserve_literal)."""
    path = request.url.path
    matching = [route for route in _leaf_routes(request.app.router.routes)
                if getattr(route, "path_regex", None) is not None
                and route.path_regex.match(path)
                and getattr(route, "endpoint", None) is not method_not_allowed]
    literal = [route for route in matching if getattr(route, "path", None) == path]
    methods: set[str] = set()
    for route in literal or matching:
        methods |= set(getattr(route, "methods", None) or ())
    if "GET" in methods:
        methods.add("HEAD")
    return sorted(methods)


async def method_not_allowed(request: Request):
    raise StarletteHTTPException(405)


def reserve_literal_paths(router) -> None:
    """A literal path wins over a parameter: POST /sales/orders/import is the import, so
    GET /sales/orders/import is a 405 whose Allow names POST (as the OpenAPI does), not
    GET /sales/orders/{order_no} of an order numbered "import". Call once all routes are in."""
    routes = [route for route in _leaf_routes(router.routes) if hasattr(route, "path_regex")]
    for path in sorted({route.path for route in routes if "{" not in route.path}):
        own = set().union(*(route.methods or () for route in routes if route.path == path))
        shadowing = set().union(*(route.methods or () for route in routes
                                  if "{" in route.path and route.path_regex.match(path)))
        if shadowing - own:
            router.routes.insert(0, Route(path, method_not_allowed, include_in_schema=False,
                                          methods=sorted(shadowing - own)))


def _leaf_routes(routes):
    """Every route, through included routers (FastAPI wraps them)."""
    for route in routes:
        inner = getattr(route, "original_router", None) or getattr(route, "router", None)
        if inner is not None and hasattr(inner, "routes") and inner is not route:
            yield from _leaf_routes(inner.routes)
        else:
            yield route


async def on_workbook_refused(request: Request, exc) -> JSONResponse:
    """A workbook with bad rows (issue 17): every bad row's number and reasons."""
    return JSONResponse(error_body("InvalidRequest", str(exc), {"rows": exc.problems}),
                        status_code=422)


def install(app: FastAPI) -> None:
    app.add_exception_handler(BadWorkbook, on_workbook_refused)
    app.add_exception_handler(Unauthorized, on_unauthorized)
    app.add_exception_handler(PermissionDenied, on_permission_denied)
    app.add_exception_handler(InvalidInput, on_invalid_input)
    app.add_exception_handler(StarletteHTTPException, on_http_exception)
    app.add_exception_handler(RemoteError, on_remote_error)
    app.add_exception_handler(ServiceUnavailable, on_unavailable)
    app.add_exception_handler(RpcTimeout, on_timeout)
    app.add_exception_handler(MalformedReply, on_malformed_reply)
    app.add_exception_handler(RequestValidationError, on_validation)
