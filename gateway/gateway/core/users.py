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
})


class UserPublic(BaseModel):
    """A person as the gateway knows them (no password)."""

    username: str
    name: str = ""
    roles: list[str] = Field(default_factory=list)
    companies: list[str] | None = Field(default=None, description="null = the whole group")


class UserInDB(UserPublic):
    password_hash: str

    def public(self) -> UserPublic:
        return UserPublic(**self.model_dump(exclude={"password_hash"}))


def actor_of(user: UserPublic) -> dict:
    """The `Actor` dict every service call takes first (docs/rpc.md)."""
    return Actor(username=user.username, roles=list(user.roles),
                 companies=None if user.companies is None else list(user.companies)
                 ).model_dump(exclude={"expires", "signature"})  # signed per call (deps)


def has_any_role(user: UserPublic, roles: Iterable[str]) -> bool:
    return bool(set(user.roles) & set(roles))


def may_act_for(user: UserPublic, company_id: str) -> bool:
    """The user works for this company (or for the whole group)."""
    return user.companies is None or company_id in user.companies


class UserStore:
    """Users by username, with password hashes only."""

    def __init__(self, users: Iterable[UserInDB]):
        self._users = {user.username: user for user in users}
        # verified against when the username is unknown, so both paths cost the same
        self._dummy_hash = hash_password("not a password", n=self._cost())

    def _cost(self) -> int:
        for user in self._users.values():
            return int(user.password_hash.split("$")[1])
        return SCRYPT_N

    def __len__(self) -> int:
        return len(self._users)

    def get(self, username: str) -> UserPublic | None:
        user = self._users.get(username)
        return user.public() if user else None

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
