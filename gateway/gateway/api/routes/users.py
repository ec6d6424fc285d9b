"""Accounts: a group admin keeps every company's users, a company admin their own
companies' (roles per department, level on the escalation ladder X-2); password change
and reset; disabling ends the account's sessions at once; every change audited."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query, Response, status
from pydantic import BaseModel, Field, StrictBool
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException

from contracts.rpc.bounds import NO_NUL, SOME_NO_NUL, CompanyId
from contracts.rpc.common import StrictPayload
from gateway.api.deps import CurrentUser, PageLimitQuery, UserStoreDep, require_roles
from gateway.api.openapi import refusals
from gateway.core.accounts import ADMIN_ROLES, DEPARTMENTS, LEVELS, refusal_to_keep
from gateway.core.directory import Account, AccountExists, AccountNotFound, UnknownRoles
from gateway.core.errors import PermissionDenied, Unauthorized
from gateway.core.users import UserPublic

router = APIRouter(prefix="/admin/users", tags=["users"],
                   dependencies=[require_roles(*ADMIN_ROLES)])
own = APIRouter(prefix="/auth", tags=["auth"])

Username = Annotated[str, Field(min_length=2, max_length=64, pattern=r"^[A-Za-z0-9._-]+$")]
# A new password: long enough to resist guessing, bounded so hashing stays cheap.
NewPassword = Annotated[str, Field(min_length=8, max_length=128, pattern=NO_NUL)]
Level = Literal[LEVELS]  # type: ignore[valid-type]
Department = Literal[DEPARTMENTS]  # type: ignore[valid-type]
RoleName = Annotated[str, Field(min_length=1, max_length=32, pattern=SOME_NO_NUL)]
Name = Annotated[str, Field(max_length=200, pattern=NO_NUL)]


class AccountCreate(StrictPayload):
    username: Username
    password: NewPassword
    name: Name = ""
    roles: list[RoleName] = Field(max_length=20)
    companies: list[CompanyId] | None = Field(max_length=50, description="null = the whole "
                                              "group (group admin only)")
    department: Department | None = None
    level: Level = "operator"


class AccountChange(StrictPayload):
    """Only the fields sent change; disabling, roles or companies end the sessions."""

    name: Name | None = None
    roles: list[RoleName] | None = Field(default=None, max_length=20)
    companies: list[CompanyId] | None = Field(default=None, max_length=50)
    whole_group: StrictBool = Field(default=False, description="true: companies become null "
                              "(the whole group; group admin only)")
    department: Department | None = None
    level: Level | None = None
    disabled: StrictBool | None = None


class PasswordReset(StrictPayload):
    password: NewPassword


class PasswordChange(StrictPayload):
    current_password: Annotated[str, Field(min_length=1, max_length=128, pattern=NO_NUL)]
    new_password: NewPassword


class AccountPage(BaseModel):
    items: list[UserPublic]
    total: int
    offset: int
    limit: int


class AuditEntry(BaseModel):
    at: datetime
    actor: str
    action: str
    before: dict[str, Any] | None
    after: dict[str, Any] | None


_REFUSALS = refusals(extra={404: "no such user", 409: "the username is taken"})


def _may_keep(admin: UserPublic, companies: list[str] | None, roles=()) -> None:
    refusal = refusal_to_keep(admin.roles, admin.companies, companies, roles)
    if refusal:
        raise PermissionDenied(refusal, {"companies": companies})


async def _existing(store, admin: UserPublic, username: str) -> Account:
    account = await run_in_threadpool(store.get, username)
    if account is None:
        raise HTTPException(404, f"no user {username!r}")
    _may_keep(admin, account.companies, account.roles)  # a company admin keeps only theirs
    return account


@router.get("", response_model=AccountPage, responses=_REFUSALS)
async def list_accounts(admin: CurrentUser, store: UserStoreDep,
                        search: Annotated[str | None, Query(max_length=64)] = None,
                        offset: Annotated[int, Query(ge=0, le=100_000)] = 0,
                        limit: PageLimitQuery = 100) -> AccountPage:
    """Accounts you keep whose username or name contains `search`, by username, a page."""
    scope = None if "group_admin" in admin.roles and admin.companies is None \
        else list(admin.companies or ())
    items, total = await run_in_threadpool(lambda: store.list(
        search=search, companies=scope, offset=offset, limit=limit))
    return AccountPage(items=items, total=total, offset=offset, limit=limit)


@router.post("", status_code=status.HTTP_201_CREATED, response_model=UserPublic,
             responses=_REFUSALS)
async def create_account(account: AccountCreate, admin: CurrentUser,
                         store: UserStoreDep) -> UserPublic:
    """Give a person an account: a company admin only for their own companies."""
    _may_keep(admin, account.companies, account.roles)
    try:
        return await run_in_threadpool(lambda: store.create(
            admin.username, **account.model_dump()))
    except AccountExists as exc:
        raise HTTPException(409, str(exc)) from None
    except UnknownRoles as exc:
        raise HTTPException(422, str(exc)) from None


@router.get("/{username}", response_model=UserPublic, responses=_REFUSALS)
async def read_account(username: str, admin: CurrentUser, store: UserStoreDep) -> UserPublic:
    """One account you keep."""
    return await _existing(store, admin, username)


@router.patch("/{username}", response_model=UserPublic, responses=_REFUSALS)
async def change_account(username: str, change: AccountChange, admin: CurrentUser,
                         store: UserStoreDep) -> UserPublic:
    """Change an account's name, roles, companies, department, level, or disable it."""
    account = await _existing(store, admin, username)
    changes = change.model_dump(exclude_unset=True, exclude={"whole_group"})
    if change.whole_group:
        changes["companies"] = None
    elif changes.get("companies", ...) is None:
        changes.pop("companies")
    changes = {key: value for key, value in changes.items()
               if value is not None or key == "companies"}
    _may_keep(admin, changes.get("companies", account.companies),
              changes.get("roles", account.roles))
    if username == admin.username and changes.get("disabled"):
        raise PermissionDenied("you cannot disable your own account")
    try:
        return await run_in_threadpool(store.change, admin.username, username, changes)
    except AccountNotFound as exc:
        raise HTTPException(404, str(exc)) from None
    except UnknownRoles as exc:
        raise HTTPException(422, str(exc)) from None


@router.post("/{username}/password", status_code=status.HTTP_204_NO_CONTENT,
             response_class=Response, responses=_REFUSALS)
async def reset_password(username: str, reset: PasswordReset, admin: CurrentUser,
                         store: UserStoreDep) -> Response:
    """Set a new password for an account you keep; its sessions end."""
    await _existing(store, admin, username)
    await run_in_threadpool(store.set_password, admin.username, username, reset.password)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.get("/{username}/audit", response_model=list[AuditEntry], responses=_REFUSALS)
async def account_audit(username: str, admin: CurrentUser, store: UserStoreDep,
                        offset: Annotated[int, Query(ge=0, le=100_000)] = 0,
                        limit: PageLimitQuery = 100) -> list[AuditEntry]:
    """Every change to an account you keep: who, when, before and after."""
    await _existing(store, admin, username)
    return await run_in_threadpool(lambda: store.audit(username, offset=offset, limit=limit))


@own.post("/password", status_code=status.HTTP_204_NO_CONTENT, response_class=Response,
          responses=refusals())
async def change_own_password(change: PasswordChange, user: CurrentUser,
                              store: UserStoreDep) -> Response:
    """Change your own password (the current one is asked); your other sessions end."""
    if await run_in_threadpool(store.authenticate, user.username,
                               change.current_password) is None:
        raise Unauthorized("the current password is not right")
    await run_in_threadpool(lambda: store.set_password(
        user.username, user.username, change.new_password, action="password_changed"))
    return Response(status_code=status.HTTP_204_NO_CONTENT)
