"""Errors that cross service boundaries.

Services raise these (declared as nameko `expected_exceptions`); the gateway
maps them to HTTP statuses by class name. Plain exceptions: no framework.
"""


class OrdersuiteError(Exception):
    """Base of every business error a caller is expected to handle."""

    http_status = 400

    def __init__(self, message: str, details: dict | None = None):
        # Both travel: nameko serialises `args`, the gateway reads them back.
        super().__init__(message, details or {})
        self.message = message
        self.details = details or {}

    def __str__(self) -> str:
        return self.message


class InvalidRequest(OrdersuiteError):
    """The payload failed validation (bad shape, type or value)."""

    http_status = 422


class NotFound(OrdersuiteError):
    """No such record, or one of a company you do not work for."""

    http_status = 404


class Conflict(OrdersuiteError):
    """The request is well-formed but the business state refuses it (e.g. ship before payment)."""

    http_status = 409


class Forbidden(OrdersuiteError):
    """Only someone else may do or decide this (e.g. the general manager)."""

    http_status = 403


class InternalError(OrdersuiteError):
    """An undeclared failure inside a service: a bug. `details.correlation_id` names the
    ERROR log line (with the traceback) that says what happened."""

    http_status = 500


EXPECTED_ERRORS = (InvalidRequest, NotFound, Conflict, Forbidden, InternalError)
HTTP_STATUS_BY_ERROR = {cls.__name__: cls.http_status for cls in EXPECTED_ERRORS}
