"""Dependencies of the routes, as Annotated aliases."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import Depends, Request
from fastapi.security import OAuth2PasswordBearer
from opentelemetry import trace

from gateway.core.config import Settings, get_settings
from gateway.core.errors import PermissionDenied, Unauthorized
from gateway.core.security import InvalidToken, decode_access_token
from gateway.core.telemetry import RPC_ERRORS, trace_context
from gateway.core.users import UserPublic, UserStore, actor_of, has_any_role, may_act_for
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


def get_user_store(request: Request) -> UserStore:
    return request.app.state.users


UserStoreDep = Annotated[UserStore, Depends(get_user_store)]

# auto_error=False: a missing token becomes our own 401 body (core/errors.py)
reusable_oauth2 = OAuth2PasswordBearer(tokenUrl="/auth/token", auto_error=False)
TokenDep = Annotated[str | None, Depends(reusable_oauth2)]


def get_current_user(token: TokenDep, store: UserStoreDep, settings: SettingsDep) -> UserPublic:
    if not token:
        raise Unauthorized("not authenticated: send 'Authorization: Bearer <access token>' "
                           "(POST /auth/token)")
    try:
        username = decode_access_token(token, secret=settings.JWT_SECRET,
                                       algorithm=settings.JWT_ALGORITHM)
    except InvalidToken as exc:
        raise Unauthorized(str(exc)) from None
    user = store.get(username)
    if user is None:
        raise Unauthorized("the access token's user is not known")
    trace.get_current_span().set_attribute("enduser.id", user.username)
    return user


CurrentUser = Annotated[UserPublic, Depends(get_current_user)]


def get_actor(user: CurrentUser) -> dict:
    return actor_of(user)


ActorDep = Annotated[dict, Depends(get_actor)]
"""The `Actor` dict passed first to every service call (docs/rpc.md)."""


def require_roles(*roles: str):
    """A route or router dependency: the user has at least one of these department roles."""

    def check_roles(user: CurrentUser) -> UserPublic:
        if not has_any_role(user, roles):
            raise PermissionDenied(f"this needs one of the roles: {', '.join(roles)}",
                                   {"required_roles": list(roles)})
        return user

    return Depends(check_roles)


def ensure_company(user: UserPublic, company_id: str) -> None:
    """403 unless the user works for this company (or for the whole group)."""
    if not may_act_for(user, company_id):
        raise PermissionDenied(f"you do not act for company {company_id}",
                               {"company_id": company_id})
