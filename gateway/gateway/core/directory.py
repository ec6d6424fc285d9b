"""The user directory: accounts kept in the gateway's own database, with an audit trail.

Accounts are read on every request (`signed_in`), so disabling a user, resetting their
password or changing their roles takes effect at the user's next request: a token issued
before the account's `sessions_from` is refused. Every change is audited: who, when,
what the account was before and after (password hashes never appear, only that the
password changed).

The demo users are created by `load_people`, through the same `create` as the API's.
"""

from __future__ import annotations

import asyncio
import json
import sqlite3
import time
from collections.abc import Iterable
from datetime import UTC, datetime

import sqlalchemy as sa

from gateway.core.accounts import department_from_roles, level_from_roles
from gateway.core.database import create_tables, is_local_file, open_engine
from gateway.core.passwords import Passwords
from gateway.core.users import ROLES, UserPublic

metadata = sa.MetaData()
accounts = sa.Table(
    "account", metadata,
    sa.Column("username", sa.String(64), primary_key=True),
    sa.Column("name", sa.String(200), nullable=False, default=""),
    sa.Column("roles", sa.Text, nullable=False),  # JSON list
    sa.Column("companies", sa.Text, nullable=True),  # JSON list; NULL = the whole group
    sa.Column("department", sa.String(32), nullable=True),
    sa.Column("level", sa.String(32), nullable=False),
    sa.Column("password_hash", sa.String(300), nullable=False),
    sa.Column("disabled", sa.Boolean, nullable=False, default=False),
    # tokens issued before this moment (ms since the epoch) are refused
    sa.Column("sessions_from_ms", sa.BigInteger, nullable=False, default=0),
    sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
)
account_audit = sa.Table(
    "account_audit", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("actor", sa.String(64), nullable=False),
    sa.Column("username", sa.String(64), nullable=False, index=True),
    sa.Column("action", sa.String(32), nullable=False),
    sa.Column("before", sa.Text, nullable=True),
    sa.Column("after", sa.Text, nullable=True),
)

KEPT_FIELDS = ("name", "roles", "companies", "department", "level", "disabled")


class Account(UserPublic):
    """A person as the directory keeps them (no password)."""


class AccountNotFound(LookupError):
    pass


class AccountExists(ValueError):
    pass


class UnknownRoles(ValueError):
    pass


def _now() -> datetime:
    return datetime.now(UTC)


def _now_ms() -> int:
    return time.time_ns() // 1_000_000


def _account(row) -> Account:
    return Account(username=row.username, name=row.name, roles=json.loads(row.roles),
                   companies=None if row.companies is None else json.loads(row.companies),
                   department=row.department, level=row.level, disabled=row.disabled)


def _columns(fields: dict) -> dict:
    """An account's fields as stored (lists as JSON)."""
    stored = dict(fields)
    if "roles" in stored:
        stored["roles"] = json.dumps(sorted(stored["roles"]))
    if "companies" in stored:
        companies = stored["companies"]
        stored["companies"] = None if companies is None else json.dumps(sorted(companies))
    return stored


def check_roles(roles: Iterable[str]) -> None:
    unknown = set(roles) - ROLES
    if unknown:
        raise UnknownRoles(f"unknown roles {sorted(unknown)}")


class KeptRows:
    """Account rows of a SQLite file kept between requests while nobody changes the file:
    SQLite's `data_version`, read on a connection of its own that never writes, moves when
    any other connection — of any process — commits (issue 16: the sign-in check was a
    sixth of a cached read). A disabled account is still refused at its next request."""

    LIMIT = 10_000

    def __init__(self, path: str):
        self._watch = sqlite3.connect(f"file:{path}?mode=ro", uri=True,
                                      check_same_thread=False)
        self._version = None
        self._rows: dict[str, object] = {}

    @classmethod
    def of(cls, url: str) -> KeptRows | None:
        path = sa.make_url(url).database
        return cls(path) if path and path != ":memory:" else None  # a file others can see

    def _current(self) -> dict[str, object]:
        version = self._watch.execute("PRAGMA data_version").fetchone()[0]
        if version != self._version or len(self._rows) > self.LIMIT:
            self._rows.clear()
            self._version = version
        return self._rows

    def get(self, username: str):
        return self._current().get(username)

    def keep(self, username: str, row) -> None:
        self._rows[username] = row

    def close(self) -> None:
        self._watch.close()


class UserDirectory:
    """Accounts by username in a SQL database (SQLite file or PostgreSQL)."""

    def __init__(self, url: str, passwords: Passwords | None = None):
        self._engine = open_engine(url)
        # A local SQLite file is read in microseconds: cheaper on the request's own loop
        # than the hop to a thread (issue 16); in WAL mode a read never waits for a writer.
        self.reads_locally = is_local_file(url)
        self._passwords = passwords or Passwords()
        create_tables(metadata, self._engine)
        self._rows = KeptRows.of(url) if self.reads_locally else None

    def close(self) -> None:
        if self._rows is not None:
            self._rows.close()
        self._engine.dispose()

    def __len__(self) -> int:
        with self._engine.connect() as conn:
            return conn.execute(sa.select(sa.func.count()).select_from(accounts)).scalar_one()

    # --- reading -------------------------------------------------------------------------

    def _row(self, conn, username: str, *, for_update: bool = False):
        query = sa.select(accounts).where(accounts.c.username == username)
        if for_update and conn.dialect.name != "sqlite":
            query = query.with_for_update()
        return conn.execute(query).first()

    def get(self, username: str) -> Account | None:
        with self._engine.connect() as conn:
            row = self._row(conn, username)
        return _account(row) if row else None

    async def signed_in_now(self, username: str, issued_ms: int
                            ) -> tuple[Account | None, str | None]:
        """`signed_in` for a request on the event loop: a local file is read on the loop,
        a database over the network in the thread pool, so the loop stays free."""
        if self.reads_locally:
            return self.signed_in(username, issued_ms)
        return await asyncio.to_thread(self.signed_in, username, issued_ms)

    def signed_in(self, username: str, issued_ms: int) -> tuple[Account | None, str | None]:
        """The account a token issued at `issued_ms` still signs in, or why it does not
        (a local file's row as kept while the file is unchanged)."""
        kept = self._rows
        row = kept.get(username) if kept is not None else None
        if row is None:
            with self._engine.connect() as conn:
                row = self._row(conn, username)
            if row is not None and kept is not None:
                kept.keep(username, row)
        if row is None:
            return None, "the access token's user is not known"
        if row.disabled:
            return None, "this account is disabled"
        if issued_ms < row.sessions_from_ms:
            return None, "this session was ended (password reset or account change): " \
                         "sign in again"
        return _account(row), None

    def authenticate(self, username: str, password: str) -> Account | None:
        with self._engine.connect() as conn:
            row = self._row(conn, username)
        if not self._passwords.verify(password, row.password_hash if row else None):
            return None
        if row.disabled:
            return None
        if self._passwords.needs_rehash(row.password_hash):
            with self._engine.begin() as conn:  # not audited: the password is the same
                conn.execute(accounts.update().where(accounts.c.username == username)
                             .values(password_hash=self._passwords.hash(password)))
        return _account(row)

    def list(self, *, search: str | None = None, companies: list[str] | None = None,
             offset: int = 0, limit: int = 100) -> tuple[list[Account], int]:
        """A page of accounts whose username or name contains `search`, of these companies
        (None: every company), ordered by username; with the count of all that match."""
        where = []
        if search:
            pattern = f"%{search.lower()}%"
            where.append(sa.or_(sa.func.lower(accounts.c.username).like(pattern),
                                sa.func.lower(accounts.c.name).like(pattern)))
        with self._engine.connect() as conn:
            rows = conn.execute(sa.select(accounts).where(*where)
                                .order_by(accounts.c.username)).all()
        found = [_account(row) for row in rows]
        if companies is not None:  # a company admin sees the accounts of their companies
            found = [a for a in found if a.companies is not None
                     and set(a.companies) <= set(companies)]
        return found[offset:offset + limit], len(found)

    def audit(self, username: str, *, offset: int = 0, limit: int = 100) -> list[dict]:
        with self._engine.connect() as conn:
            rows = conn.execute(sa.select(account_audit)
                                .where(account_audit.c.username == username)
                                .order_by(account_audit.c.id).offset(offset).limit(limit)).all()
        return [{"at": row.at if row.at.tzinfo else row.at.replace(tzinfo=UTC),
                 "actor": row.actor, "action": row.action,
                 "before": json.loads(row.before) if row.before else None,
                 "after": json.loads(row.after) if row.after else None} for row in rows]

    # --- changing ------------------------------------------------------------------------

    def _audit(self, conn, actor: str, username: str, action: str,
               before: Account | None, after: Account | None) -> None:
        def kept(account):
            return None if account is None else json.dumps(account.model_dump(
                include=set(KEPT_FIELDS)))
        conn.execute(account_audit.insert().values(
            at=_now(), actor=actor, username=username, action=action,
            before=kept(before), after=kept(after)))

    def create(self, actor: str, *, username: str, password: str, name: str = "",
               roles: list[str], companies: list[str] | None, department: str | None = None,
               level: str | None = None) -> Account:
        check_roles(roles)
        account = Account(username=username, name=name, roles=sorted(roles),
                          companies=None if companies is None else sorted(companies),
                          department=department or department_from_roles(roles),
                          level=level or level_from_roles(roles))
        password_hash = self._passwords.hash(password)  # slow: outside the transaction
        exists = AccountExists(f"user {username!r} already exists")
        try:
            with self._engine.begin() as conn:
                if self._row(conn, username) is not None:
                    raise exists
                conn.execute(accounts.insert().values(
                    username=username, password_hash=password_hash, sessions_from_ms=0,
                    updated_at=_now(), **_columns(account.model_dump(include=set(KEPT_FIELDS)))))
                self._audit(conn, actor, username, "created", None, account)
        except sa.exc.IntegrityError:  # made by another writer since the check above
            raise exists from None
        return account

    def change(self, actor: str, username: str, changes: dict) -> Account:
        """Change kept fields; disabling, or changing roles or companies, ends the account's
        sessions (its tokens are refused from now on)."""
        changes = {key: value for key, value in changes.items() if key in KEPT_FIELDS}
        if "roles" in changes:
            check_roles(changes["roles"])
        with self._engine.begin() as conn:
            row = self._row(conn, username, for_update=True)
            if row is None:
                raise AccountNotFound(f"no user {username!r}")
            before = _account(row)
            after = Account(**{**before.model_dump(), **changes})
            values = _columns(changes)
            if {"disabled", "roles", "companies"} & set(changes):
                values["sessions_from_ms"] = _now_ms()
            conn.execute(accounts.update().where(accounts.c.username == username)
                         .values(updated_at=_now(), **values))
            self._audit(conn, actor, username, "changed", before, after)
        return after

    def set_password(self, actor: str, username: str, password: str, *,
                     action: str = "password_reset") -> None:
        """A new password; every session of the account ends."""
        password_hash = self._passwords.hash(password)
        with self._engine.begin() as conn:
            row = self._row(conn, username, for_update=True)
            if row is None:
                raise AccountNotFound(f"no user {username!r}")
            conn.execute(accounts.update().where(accounts.c.username == username).values(
                password_hash=password_hash, sessions_from_ms=_now_ms(), updated_at=_now()))
            account = _account(row)
            self._audit(conn, actor, username, action, account, account)

    def load_people(self, section: dict, actor: str = "demo-data") -> int:
        """Create the accounts of a users section (``{"password", "people": [...]}``) that
        do not exist yet, through `create`; how many were created."""
        default_password = section.get("password")
        created = 0
        for person in section.get("people", []):
            if self.get(person["username"]) is not None:
                continue
            password = person.get("password", default_password)
            if not password:
                raise ValueError(f"user {person.get('username')!r} has no password")
            try:
                self.create(actor, username=person["username"], password=password,
                            name=person.get("name", ""), roles=list(person.get("roles", [])),
                            companies=person.get("companies"),
                            department=person.get("department"), level=person.get("level"))
            except AccountExists:  # another gateway worker, starting beside this one, made it
                continue
            created += 1
        return created
