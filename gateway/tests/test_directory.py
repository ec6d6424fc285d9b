"""The user directory on a real database (SQLite and PostgreSQL): accounts, sessions that
end, and the audit of every change; and who may keep whose account."""

from __future__ import annotations

import pytest

from gateway.core.accounts import level_from_roles, refusal_to_keep
from gateway.core.directory import AccountExists, UnknownRoles, UserDirectory
from gateway.core.passwords import FAST, Passwords
from gateway.core.security import hash_password
from servicekit.testing import database_url, db_backend, postgres_admin_url  # noqa: F401


@pytest.fixture
def directory(database_url):  # noqa: F811
    made = UserDirectory(database_url("gateway"), Passwords(FAST))
    yield made
    made.close()


def new_buyer(directory, username="buyer.new", companies=("P1",)):
    return directory.create("admin.p1", username=username, password="s3cret-pass",
                            name="New Buyer", roles=["procurement"], companies=list(companies))


@pytest.mark.parametrize("db_backend", ["sqlite", "postgresql"], indirect=True)
def test_a_created_account_signs_in_with_its_password_only(directory, db_backend):  # noqa: F811
    account = new_buyer(directory)
    assert account.department == "procurement" and account.level == "operator"
    assert directory.authenticate("buyer.new", "s3cret-pass").username == "buyer.new"
    assert directory.authenticate("buyer.new", "wrong") is None
    assert directory.authenticate("nobody", "s3cret-pass") is None
    with pytest.raises(AccountExists):
        new_buyer(directory)


@pytest.mark.parametrize("db_backend", ["sqlite", "postgresql"], indirect=True)
def test_disabling_an_account_refuses_its_tokens_and_its_password(directory,
                                                                   db_backend):  # noqa: F811
    new_buyer(directory)
    assert directory.signed_in("buyer.new", issued_ms=0)[0] is not None
    directory.change("admin.p1", "buyer.new", {"disabled": True})
    account, refusal = directory.signed_in("buyer.new", issued_ms=2**62)
    assert account is None and refusal == "this account is disabled"
    assert directory.authenticate("buyer.new", "s3cret-pass") is None


def test_a_gateway_process_keeps_account_rows_yet_refuses_one_another_process_disabled(
        tmp_path):
    import asyncio

    url = f"sqlite:///{tmp_path / 'gateway.db'}"
    worker, other = (UserDirectory(url, Passwords(FAST)) for _ in range(2))
    try:
        new_buyer(other)

        def signed_in_now():
            return asyncio.run(worker.signed_in_now("buyer.new", issued_ms=2**62))

        assert signed_in_now()[0].roles == ["procurement"]
        assert worker._rows.get("buyer.new") is not None  # kept for the next request
        other.change("admin.p1", "buyer.new", {"roles": ["procurement", "quality"]})
        assert signed_in_now()[0].roles == ["procurement", "quality"]
        other.change("admin.p1", "buyer.new", {"disabled": True})
        assert signed_in_now() == (None, "this account is disabled")
        worker.change("admin.p1", "buyer.new", {"disabled": False})  # its own change too
        assert signed_in_now()[0] is not None
    finally:
        worker.close()
        other.close()


def test_a_password_reset_ends_the_sessions_opened_before_it(directory):
    import time

    new_buyer(directory)
    before_ms = time.time_ns() // 1_000_000 - 1
    directory.set_password("admin.p1", "buyer.new", "another-pass")
    account, refusal = directory.signed_in("buyer.new", issued_ms=before_ms)
    assert account is None and "sign in again" in refusal
    assert directory.signed_in("buyer.new", issued_ms=time.time_ns() // 1_000_000 + 1)[0]
    assert directory.authenticate("buyer.new", "another-pass") is not None
    assert directory.authenticate("buyer.new", "s3cret-pass") is None


def test_every_change_is_audited_with_who_before_and_after_but_no_password(directory):
    new_buyer(directory)
    directory.change("admin.group", "buyer.new", {"level": "leader", "roles": ["procurement",
                                                                                 "quality"]})
    directory.set_password("admin.p1", "buyer.new", "another-pass")
    trail = directory.audit("buyer.new")
    assert [(entry["actor"], entry["action"]) for entry in trail] == [
        ("admin.p1", "created"), ("admin.group", "changed"), ("admin.p1", "password_reset")]
    assert trail[0]["before"] is None and trail[0]["after"]["roles"] == ["procurement"]
    assert trail[1]["before"]["level"] == "operator" and trail[1]["after"]["level"] == "leader"
    assert trail[1]["after"]["roles"] == ["procurement", "quality"]
    assert all(entry["at"].tzinfo is not None for entry in trail)
    assert "s3cret" not in repr(trail) and "argon2" not in repr(trail)


def test_accounts_are_listed_by_search_company_and_page(directory):
    for index in range(5):
        new_buyer(directory, f"buyer.{index}", companies=["P1"])
    new_buyer(directory, "buyer.p2x", companies=["P2"])
    page, total = directory.list(search="BUYER", companies=["P1"], offset=1, limit=2)
    assert total == 5 and [a.username for a in page] == ["buyer.1", "buyer.2"]
    assert directory.list(search="p2x")[1] == 1


def test_unknown_roles_are_refused(directory):
    with pytest.raises(UnknownRoles):
        directory.create("admin.group", username="x", password="s3cret-pass",
                         roles=["superuser"], companies=["P1"])


def test_the_demo_users_are_made_through_create_once_with_their_levels(directory):
    section = {"password": "demo", "people": [
        {"username": "gm.p1", "roles": ["general_manager", "sales"], "companies": ["P1"]},
        {"username": "group.gm", "roles": ["group_general_manager"], "companies": None}]}
    assert directory.load_people(section) == 2
    assert directory.load_people(section) == 0
    assert directory.get("gm.p1").level == "general_manager"
    assert directory.get("group.gm").level == "group_general_manager"
    assert directory.audit("gm.p1")[0]["actor"] == "demo-data"


@pytest.mark.parametrize("db_backend", ["sqlite", "postgresql"], indirect=True)
def test_gateway_workers_starting_together_make_each_demo_user_once(
        database_url, db_backend):  # noqa: F811
    """`make run` starts several gateway workers on one directory: each loads the users
    file at start-up, and the one that finds a user made by another meanwhile goes on."""
    from concurrent.futures import ThreadPoolExecutor

    section = {"password": "demo", "people": [
        {"username": f"user.{n}", "roles": ["sales"], "companies": ["P1"]} for n in range(20)]}
    url = database_url("gateway")
    with ThreadPoolExecutor(2) as pool:  # tables made at once, then the users
        workers = list(pool.map(lambda _: UserDirectory(url, Passwords(FAST)), range(2)))
    try:
        with ThreadPoolExecutor(2) as pool:
            created = list(pool.map(lambda d: d.load_people(section), workers))
        assert sum(created) == 20
        assert workers[0].list(search="user.", limit=50)[1] == 20
    finally:
        for worker in workers:
            worker.close()


def test_a_hash_made_before_the_directory_still_verifies_and_is_upgraded(directory):
    import sqlalchemy as sa

    from gateway.core.directory import accounts

    new_buyer(directory)
    with directory._engine.begin() as conn:
        conn.execute(accounts.update().values(password_hash=hash_password("old-pass", n=16)))
    assert directory.authenticate("buyer.new", "old-pass") is not None
    with directory._engine.connect() as conn:
        stored = conn.execute(sa.select(accounts.c.password_hash)).scalar_one()
    assert stored.startswith("$argon2id$")


# --- who may keep whose account (pure) ----------------------------------------------


def test_a_group_admin_keeps_any_account():
    assert refusal_to_keep(["group_admin"], None, ["P2"], ["group_admin"]) is None
    assert refusal_to_keep(["group_admin"], None, None, ["sales"]) is None


def test_a_company_admin_keeps_only_their_companies_accounts():
    assert refusal_to_keep(["company_admin"], ["P1"], ["P1"], ["sales"]) is None
    assert "company P2" in refusal_to_keep(["company_admin"], ["P1"], ["P2"], ["sales"])
    assert "whole group" in refusal_to_keep(["company_admin"], ["P1"], None, ["sales"])
    assert "group_admin" in refusal_to_keep(["company_admin"], ["P1"], ["P1"], ["group_admin"])


def test_someone_without_an_admin_role_keeps_no_account():
    assert refusal_to_keep(["sales"], ["P1"], ["P1"], ["sales"]) is not None


def test_the_level_follows_the_managers_roles_on_the_ladder():
    assert level_from_roles(["sales"]) == "operator"
    assert level_from_roles(["general_manager"]) == "general_manager"
    assert level_from_roles(["general_manager", "group_general_manager"]) == \
        "group_general_manager"
