"""The people who may sign in, and what they may do (pure: no I/O except loading the file).

Users come from the demo data file (section ``users``): username, name,
department roles, companies (``null`` = the whole group). Only salted password
hashes are kept in memory.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

from pydantic import BaseModel, Field

from contracts.rpc.common import Actor
from gateway.core.security import SCRYPT_N, hash_password, verify_password

ROLES = frozenset({
    "sales", "general_manager", "group_general_manager", "planning", "design", "procurement",
    "quality", "logistics", "aftersales",
    "group_admin", "company_admin",  # who keeps accounts (gateway.core.accounts)
    # a department's leader (with the department's role), e.g. QLT-3's quality leader
    "department_leader",
    "contract_management",  # 合同订单管理部, a sales department (LOG-2, SAL-9, SAL-10)
    # PLN-7: the two managers who agree a new sequence under overload
    "production_manager",
})


class UserPublic(BaseModel):
    """A person as the gateway knows them (no password)."""

    username: str
    name: str = ""
    roles: list[str] = Field(default_factory=list)
    companies: list[str] | None = Field(default=None, description="null = the whole group")
    department: str | None = None
    level: str = Field(default="operator", description="rung of the escalation ladder (X-2): "
                       "operator, leader, general_manager, group_general_manager")
    disabled: bool = False


class UserInDB(UserPublic):
    password_hash: str

    def public(self) -> UserPublic:
        return UserPublic(**self.model_dump(exclude={"password_hash"}))


# rule X-2: the rung a level stands for, as the role the services check (a quality
# leader coordinates QLT-3 findings: LEADER_ROLES there)
LEVEL_ROLES = {"leader": "department_leader", "general_manager": "general_manager",
               "group_general_manager": "group_general_manager"}


def roles_with_level(user: UserPublic) -> list[str]:
    """The user's roles plus the one their level (the X-2 rung they hold) implies."""
    implied = LEVEL_ROLES.get(user.level or "")
    return list(user.roles) + ([implied] if implied and implied not in user.roles else [])


def actor_of(user: UserPublic) -> dict:
    """The `Actor` dict every service call takes first (docs/rpc.md)."""
    return Actor(username=user.username, roles=roles_with_level(user),
                 companies=None if user.companies is None else list(user.companies)
                 ).model_dump(exclude={"expires", "signature"})  # signed per call (deps)


def identity_of(user: UserPublic) -> tuple:
    """Who the user acts as — name, roles, companies — as a hashable key: one signature of
    the actor (deps.get_actor) and one cached read (api/reads.py) per identity."""
    return (user.username, tuple(user.roles),
            None if user.companies is None else tuple(user.companies))


def has_any_role(user: UserPublic, roles: Iterable[str]) -> bool:
    return bool(set(user.roles) & set(roles))


def may_act_for(user: UserPublic, company_id: str) -> bool:
    """The user works for this company (or for the whole group)."""
    return user.companies is None or company_id in user.companies


class UserStore:
    """Users by username, with password hashes only."""

    def __init__(self, users: Iterable[UserInDB]):
        self._users = {user.username: user for user in users}
        # what every request asks for, built once (the store is read-only after start-up)
        self._public = {name: user.public() for name, user in self._users.items()}
        # verified against when the username is unknown, so both paths cost the same
        self._dummy_hash = hash_password("not a password", n=self._cost())

    def _cost(self) -> int:
        for user in self._users.values():
            return int(user.password_hash.split("$")[1])
        return SCRYPT_N

    def __len__(self) -> int:
        return len(self._users)

    def get(self, username: str) -> UserPublic | None:
        return self._public.get(username)

    async def signed_in_now(self, username: str, issued_ms: int
                            ) -> tuple[UserPublic | None, str | None]:
        return self.signed_in(username, issued_ms)  # in memory: nothing to wait for

    def signed_in(self, username: str, issued_ms: int) -> tuple[UserPublic | None, str | None]:
        """The user a token names, or why not (this store has no disabled users)."""
        user = self.get(username)
        return (user, None) if user else (None, "the access token's user is not known")

    def authenticate(self, username: str, password: str) -> UserPublic | None:
        user = self._users.get(username)
        if user is None:
            verify_password(password, self._dummy_hash)
            return None
        return user.public() if verify_password(password, user.password_hash) else None

    @classmethod
    def from_data(cls, section: dict, *, n: int = SCRYPT_N) -> UserStore:
        """From a ``users`` section: ``{"password": default, "people": [...]}``."""
        default_password = section.get("password")
        users = []
        for person in section.get("people", []):
            password = person.get("password", default_password)
            if not password:
                raise ValueError(f"user {person.get('username')!r} has no password")
            unknown = set(person.get("roles", [])) - ROLES
            if unknown:
                raise ValueError(f"user {person['username']!r} has unknown roles {sorted(unknown)}")
            users.append(UserInDB(
                username=person["username"], name=person.get("name", ""),
                roles=list(person.get("roles", [])), companies=person.get("companies"),
                password_hash=hash_password(password, n=n)))
        return cls(users)

    @classmethod
    def from_file(cls, path: Path, *, n: int = SCRYPT_N) -> UserStore:
        with open(path, encoding="utf-8") as file:
            data = json.load(file)
        if "users" not in data:
            raise ValueError(f"{path} has no 'users' section")
        return cls.from_data(data["users"], n=n)
