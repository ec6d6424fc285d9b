"""Dependencies of the routes, as Annotated aliases."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import Depends, Request

from gateway.core.config import Settings, get_settings
from gateway.core.telemetry import RPC_ERRORS, trace_context
from gateway.rpc import RpcClient
from gateway.rpc.errors import RemoteError, RpcError


class Services:
    """Calls into the department services, carrying the caller's trace context."""

    def __init__(self, client: RpcClient):
        self._client = client

    async def call(self, service: str, method: str, *args: Any, timeout: float | None = None,
                   **kwargs: Any) -> Any:
        try:
            return await self._client.call(service, method, args, kwargs,
                                           context=trace_context(), timeout=timeout)
        except RpcError as exc:
            kind = exc.exc_type if isinstance(exc, RemoteError) else type(exc).__name__
            RPC_ERRORS.labels(service, kind or "unknown").inc()
            raise


def get_services(request: Request) -> Services:
    return Services(request.app.state.rpc)


ServicesDep = Annotated[Services, Depends(get_services)]
SettingsDep = Annotated[Settings, Depends(get_settings)]
