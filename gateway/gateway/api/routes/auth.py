"""Sign-in: OAuth2 password flow issuing bearer JWTs, and who am I."""

from __future__ import annotations

import json
from urllib.parse import parse_qs

from fastapi import APIRouter, Request
from fastapi.exceptions import RequestValidationError
from pydantic import BaseModel
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException

from gateway.api.deps import CurrentUser, SettingsDep, UserStoreDep
from gateway.api.openapi import ErrorPublic
from gateway.core.errors import Unauthorized
from gateway.core.ratelimit import LoginLimiter
from gateway.core.security import create_access_token
from gateway.core.users import UserPublic

router = APIRouter(prefix="/auth", tags=["auth"])


class Token(BaseModel):
    access_token: str
    token_type: str = "bearer"
    expires_in: int


_FORM_SCHEMA = {
    "type": "object",
    "required": ["username", "password"],
    "properties": {
        "grant_type": {"type": "string", "pattern": "^password$"},
        "username": {"type": "string"},
        "password": {"type": "string", "format": "password"},
        "scope": {"type": "string", "default": ""},
    },
}


async def read_login_form(request: Request) -> tuple[str, str]:
    """username and password from an urlencoded form (OAuth2) or a JSON object.

    Parsed here rather than with fastapi.Form, which needs python-multipart for
    what is a plain urlencoded body.
    """
    body = await request.body()
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    fields: dict = {}
    if content_type == "application/json":
        try:
            loaded = json.loads(body or b"{}")
        except ValueError:
            loaded = None
        fields = loaded if isinstance(loaded, dict) else {}
    else:
        fields = {key: values[0] for key, values in
                  parse_qs(body.decode("utf-8", "replace"), keep_blank_values=True).items()}
    errors = [{"loc": ("body", name), "msg": "Field required", "type": "missing"}
              for name in ("username", "password") if not isinstance(fields.get(name), str)
              or not fields.get(name)]
    grant_type = fields.get("grant_type")
    if grant_type not in (None, "", "password"):
        errors.append({"loc": ("body", "grant_type"), "msg": "must be 'password'",
                       "type": "value_error"})
    if errors:
        raise RequestValidationError(errors)
    return fields["username"], fields["password"]


_LOGIN_RESPONSES = {
    401: {"model": ErrorPublic, "description": "incorrect username or password"},
    422: {"model": ErrorPublic, "description": "username or password missing (field paths in "
          "details.errors)"},
    429: {"model": ErrorPublic,
          "description": "too many failed sign-ins for this username or from this client: "
                         "refused (even with the right password) until Retry-After seconds "
                         "have passed",
          "headers": {"Retry-After": {"description": "seconds until sign-in may be tried again",
                                      "schema": {"type": "integer", "minimum": 1}}}},
}


def _too_many(retry_after: int) -> HTTPException:
    return HTTPException(429, f"too many failed sign-ins; try again in {retry_after} s",
                         headers={"Retry-After": str(retry_after)})


@router.post("/token", response_model=Token, responses=_LOGIN_RESPONSES, openapi_extra={
    "requestBody": {
        "required": True,
        "content": {"application/x-www-form-urlencoded": {"schema": _FORM_SCHEMA}},
    }})
async def login_access_token(request: Request, store: UserStoreDep,
                             settings: SettingsDep) -> Token:
    """Exchange a username and password (OAuth2 password form) for a bearer access token.

    Failed attempts are counted per username and per client address; past the limits
    (settings LOGIN_MAX_FAILURES_PER_USER / _PER_CLIENT within LOGIN_FAILURE_WINDOW_S)
    sign-in is refused with 429 and Retry-After for LOGIN_LOCKOUT_S.
    """
    username, password = await read_login_form(request)
    limiter: LoginLimiter | None = getattr(request.app.state, "login_limiter", None)
    client = request.client.host if request.client else None
    if limiter is not None:
        retry_after = await limiter.retry_after(username, client)
        if retry_after is not None:  # locked: not even checked, so guessing learns nothing
            raise _too_many(retry_after)
    # scrypt is deliberately slow: keep it off the event loop
    user = await run_in_threadpool(store.authenticate, username, password)
    if user is None:
        if limiter is not None:
            await limiter.failed(username, client)
        raise Unauthorized("incorrect username or password")
    if limiter is not None:
        await limiter.succeeded(username)
    issued = create_access_token(user.username, secret=settings.JWT_SECRET,
                                 algorithm=settings.JWT_ALGORITHM,
                                 minutes=settings.ACCESS_TOKEN_MINUTES)
    return Token(access_token=issued.access_token, token_type=issued.token_type,
                 expires_in=issued.expires_in)


@router.get("/me", response_model=UserPublic)
async def read_me(user: CurrentUser) -> UserPublic:
    """The signed-in user: name, department roles and companies (null = the whole group)."""
    return user
