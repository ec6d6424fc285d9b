"""Sign-in: OAuth2 password flow issuing bearer JWTs, and who am I."""

from __future__ import annotations

import json
from urllib.parse import parse_qs

from fastapi import APIRouter, Request
from fastapi.exceptions import RequestValidationError
from pydantic import BaseModel
from starlette.concurrency import run_in_threadpool

from gateway.api.deps import CurrentUser, SettingsDep, UserStoreDep
from gateway.core.errors import Unauthorized
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


@router.post("/token", response_model=Token, openapi_extra={"requestBody": {
    "required": True,
    "content": {"application/x-www-form-urlencoded": {"schema": _FORM_SCHEMA}},
}})
async def login_access_token(request: Request, store: UserStoreDep,
                             settings: SettingsDep) -> Token:
    """Exchange a username and password (OAuth2 password form) for a bearer access token."""
    username, password = await read_login_form(request)
    # scrypt is deliberately slow: keep it off the event loop
    user = await run_in_threadpool(store.authenticate, username, password)
    if user is None:
        raise Unauthorized("incorrect username or password")
    issued = create_access_token(user.username, secret=settings.JWT_SECRET,
                                 algorithm=settings.JWT_ALGORITHM,
                                 minutes=settings.ACCESS_TOKEN_MINUTES)
    return Token(access_token=issued.access_token, token_type=issued.token_type,
                 expires_in=issued.expires_in)


@router.get("/me", response_model=UserPublic)
async def read_me(user: CurrentUser) -> UserPublic:
    """The signed-in user: name, department roles and companies (null = the whole group)."""
    return user
