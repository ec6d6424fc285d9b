"""Dependencies of the routes, as Annotated aliases."""

from __future__ import annotations

import asyncio
import uuid
from typing import Annotated, Any

from fastapi import Depends, Query, Request
from fastapi.security import OAuth2PasswordBearer
from opentelemetry import trace

from contracts.rpc.api import Method, service_apis
from contracts.rpc.common import Actor
from gateway.core.actor_signing import signed_for, signing_key
from gateway.core.config import Settings
from gateway.core.directory import UserDirectory
from gateway.core.errors import PermissionDenied, Unauthorized
from gateway.core.security import InvalidToken, verified_access_token
from gateway.core.telemetry import RPC_ERRORS, RPC_RETRIES, trace_context
from gateway.core.users import (
    UserPublic,
    UserStore,
    actor_of,
    has_any_role,
    identity_of,
    may_act_for,
)
from gateway.rpc import RpcClient
from gateway.rpc.errors import (
    ConnectionLost,
    OutcomeUnknown,
    RemoteError,
    RpcError,
    ServiceUnavailable,
)
from gateway.rpc.stubs import ServiceStub

DEFAULT_RETRY_WINDOW_S = 10.0
# A page of a list as a query parameter, bounded like contracts.rpc.common.PageLimit:
# `limit: PageLimitQuery = 100`.
PageLimitQuery = Annotated[int, Query(ge=1, le=1000)]
# The next page of a list: the key of the last item of the page before
# (contracts.rpc.common.PageAfter): `after: PageAfterQuery = None`.
PageAfterQuery = Annotated[str | None, Query(min_length=1, max_length=64,
                                             pattern=r"^[^\x00]+$")]


class Services:
    """Calls into the department services through typed stubs, with the caller's trace
    context: `await services.sales.receive_order(actor, order)`.

    Every command of one request gets a command id, derived from the request's
    Idempotency-Key (or one made per request) and the user, so that the service runs
    it once however often it arrives. A call whose connection was lost, or whose
    service is restarting, is retried with the same id while the call's time allows;
    only an outcome that stays unknown is answered 503 ("retry with the same key").
    """

    def __init__(self, client: RpcClient, *, request: Request | None = None,
                 retry_window_s: float = DEFAULT_RETRY_WINDOW_S):
        self._client = client
        self._request = request
        self._command_base: str | None = None
        self._commands = 0
        self._retry_window_s = retry_window_s

    def __getattr__(self, service: str) -> ServiceStub:
        if service.startswith("_"):
            raise AttributeError(service)
        return self[service]

    def __getitem__(self, service: str) -> ServiceStub:
        try:
            return ServiceStub(service_apis()[service], self._invoke)
        except KeyError:
            raise AttributeError(f"no service {service!r} in the RPC tables") from None

    def next_command_id(self) -> str:
        if self._command_base is None:  # known once the user is (after authentication)
            self._command_base = command_base(self._request)
        self._commands += 1
        return f"{self._command_base}#{self._commands}"

    async def _invoke(self, method: Method, args: list, timeout: float | None) -> Any:
        context = trace_context()
        if method.command:
            context = {**context, "command_id": self.next_command_id()}
        return await self._call_retrying(method, args, context, timeout)

    async def _call_retrying(self, method: Method, args: list, context: dict,
                             timeout: float | None) -> Any:
        loop = asyncio.get_running_loop()
        total = timeout if timeout is not None else self._client.timeout
        deadline = loop.time() + total
        # A service that is not there (restarting) is waited for only so long.
        unavailable_deadline = loop.time() + min(total, self._retry_window_s)
        pause, attempt_timeout = 0.1, total
        while True:
            try:
                return await self._client.call(method.service, method.name, args, {},
                                               context=context, timeout=attempt_timeout)
            except ConnectionLost as exc:
                # The request may have run: retrying the same command id is safe, since the
                # service answers a repeat from its command inbox.
                if loop.time() + pause >= deadline:
                    self._count(method, exc)
                    raise OutcomeUnknown(method.service, f"{method.name}: {exc.reason}; "
                                         "the outcome is unknown: retry with the same "
                                         "Idempotency-Key to learn it") from None
            except ServiceUnavailable as exc:
                if loop.time() + pause >= min(deadline, unavailable_deadline):
                    self._count(method, exc)
                    raise
            except RpcError as exc:
                self._count(method, exc)
                raise
            RPC_RETRIES.labels(method.service, method.name).inc()
            await asyncio.sleep(pause)
            pause = min(pause * 2, 1.0)
            attempt_timeout = max(deadline - loop.time(), 0.05)  # what is left of the caller's

    @staticmethod
    def _count(method: Method, exc: RpcError) -> None:
        kind = exc.exc_type if isinstance(exc, RemoteError) else type(exc).__name__
        RPC_ERRORS.labels(method.service, kind or "unknown").inc()


def command_base(request: Request | None) -> str:
    """The command id prefix of a request: the user's Idempotency-Key, else a fresh one
    (answered in the `Idempotency-Key` response header, so the client can retry with it)."""
    if request is None:
        return uuid.uuid4().hex
    user = getattr(request.state, "user", None)
    username = user.username if user is not None else "anonymous"
    key = request.headers.get("idempotency-key")
    if not key:
        key = request.state.generated_idempotency_key = uuid.uuid4().hex
    return f"{username}:{key}"


# Every dependency below is `async def`: FastAPI runs a plain `def` dependency in a thread
# pool, a hop per dependency per request (issue 16: nothing per request that need not be).
async def get_services(request: Request) -> Services:
    services = getattr(request.state, "services", None)
    if services is None:
        services = request.state.services = Services(request.app.state.rpc, request=request)
    return services


ServicesDep = Annotated[Services, Depends(get_services)]
async def get_app_settings(request: Request) -> Settings:
    """The settings the app was created with (async: no thread-pool hop per request)."""
    return request.app.state.settings


SettingsDep = Annotated[Settings, Depends(get_app_settings)]


async def get_user_store(request: Request) -> UserStore | UserDirectory:
    return request.app.state.users


UserStoreDep = Annotated[UserStore | UserDirectory, Depends(get_user_store)]

# auto_error=False: a missing token becomes our own 401 body (core/errors.py)
reusable_oauth2 = OAuth2PasswordBearer(tokenUrl="/auth/token", auto_error=False)
TokenDep = Annotated[str | None, Depends(reusable_oauth2)]


async def get_current_user(request: Request, token: TokenDep, store: UserStoreDep,
                           settings: SettingsDep) -> UserPublic:
    if not token:
        raise Unauthorized("not authenticated: send 'Authorization: Bearer <access token>' "
                           "(POST /auth/token)")
    try:
        username, issued_ms = verified_access_token(token, secret=settings.JWT_SECRET,
                                                    algorithm=settings.JWT_ALGORITHM)
    except InvalidToken as exc:
        raise Unauthorized(str(exc)) from None
    # read on every request: a disabled account or an ended session is refused at once
    user, refusal = await store.signed_in_now(username, issued_ms)
    if user is None:
        raise Unauthorized(refusal)
    trace.get_current_span().set_attribute("enduser.id", user.username)
    request.state.user = user
    return user


CurrentUser = Annotated[UserPublic, Depends(get_current_user)]


async def get_actor(user: CurrentUser, settings: SettingsDep) -> dict:
    """The actor, signed for the services (servicekit.actors verifies it); one signature
    serves a user's requests while most of its life is left and their roles and companies
    stay what they are (core/actor_signing.py)."""
    return signed_for(identity_of(user), lambda: Actor.model_validate(actor_of(user)),
                      key=signing_key(settings.ACTOR_SIGNING_KEY))


ActorDep = Annotated[dict, Depends(get_actor)]
"""The `Actor` dict passed first to every service call (docs/rpc.md)."""


def require_roles(*roles: str):
    """A route or router dependency: the user has at least one of these department roles."""

    async def check_roles(user: CurrentUser) -> UserPublic:
        if not has_any_role(user, roles):
            raise PermissionDenied(f"this needs one of the roles: {', '.join(roles)}",
                                   {"required_roles": list(roles)})
        return user

    check_roles.roles = roles  # read by the role x route matrix test
    return Depends(check_roles)


def ensure_company(user: UserPublic, company_id: str) -> None:
    """403 unless the user works for this company (or for the whole group)."""
    if not may_act_for(user, company_id):
        raise PermissionDenied(f"you do not act for company {company_id}",
                               {"company_id": company_id})
