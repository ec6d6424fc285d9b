"""Exception types shared by both RPC clients (asyncio client and proxy pool).

Routes catch these and map them to HTTP; they never need to know which
client made the call.
"""

from __future__ import annotations

from typing import Any


class RpcError(Exception):
    """Base class of every failure of an RPC call made by the gateway."""


class RemoteError(RpcError):
    """The remote worker raised; carries nameko's serialised exception fields."""

    def __init__(
        self,
        exc_type: str | None,
        value: Any = "",
        exc_path: str | None = None,
        exc_args: list[Any] | None = None,
    ) -> None:
        self.exc_type = exc_type
        self.value = value
        self.exc_path = exc_path
        self.exc_args = list(exc_args or [])
        super().__init__(f"{exc_type} {value}")


class ServiceUnavailable(RpcError):
    """Nobody can take the call: no queue is bound for the service, or no broker.

    Raised before the request reached a worker, so retrying is safe.
    """

    def __init__(self, service: str | None, reason: str) -> None:
        self.service = service
        self.reason = reason
        super().__init__(f"{service or '<broker>'}: {reason}")


class ConnectionLost(ServiceUnavailable):
    """The broker connection dropped while the call was in flight.

    Unlike its parent, the request may already have run on the service, so a
    retry is only safe for idempotent methods.
    """


class RpcTimeout(RpcError, TimeoutError):
    """No reply within the call's timeout; the remote method may still run."""

    def __init__(self, service: str, method: str, timeout: float) -> None:
        self.service = service
        self.method = method
        self.timeout = timeout
        super().__init__(f"{service}.{method}: no reply within {timeout:g}s")


class OutcomeUnknown(ConnectionLost):
    """The connection was lost and retries ran out of time: the command may or may not
    have run. A retry with the same command id (Idempotency-Key) learns which."""


class MalformedReply(RpcError):
    """A service answered something that is not its contract's reply type (a bug there)."""

    def __init__(self, service: str, method: str, errors: int) -> None:
        self.service = service
        self.method = method
        super().__init__(f"{service}.{method} answered a reply that is not its contract's "
                         f"({errors} validation errors)")
