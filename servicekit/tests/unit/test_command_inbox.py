"""The command inbox (issue 8.1) on a real unit of work over in-memory SQLite: a command runs
once per id, a repeat gets the stored reply, a refusal records nothing, old replies go."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import Column, Integer, MetaData, String, Table, func, insert, select

from contracts.errors import InvalidRequest
from servicekit import commands, inmemory
from servicekit.refusals import Refused
from servicekit.uow import UnitOfWork

metadata = MetaData()
payments = Table("payment", metadata, Column("id", Integer, primary_key=True),
                 Column("reference", String(40)))


@pytest.fixture
def uow():
    return inmemory.unit_of_work(UnitOfWork, metadata, service="sales")


def pay(uow, reference: str) -> dict:
    with uow:
        uow.session.execute(insert(payments).values(reference=reference))
        uow.commit()
    return {"reference": reference}


def count(uow) -> int:
    with uow:
        return uow.session.execute(select(func.count()).select_from(payments)).scalar()


def test_a_command_runs_once_per_id_and_a_repeat_gets_the_same_reply(uow):
    replies = [commands.run_once(uow, "u:key", "record_payment", ["bank 1"],
                                 lambda: pay(uow, "bank 1")) for _ in range(3)]
    assert replies == [{"reference": "bank 1"}] * 3
    assert count(uow) == 1


def test_the_reply_is_committed_with_the_effects_or_not_at_all(uow):
    def fails_after_its_effect():
        pay(uow, "bank 2")
        raise Refused("the order is closed")

    with pytest.raises(Refused):
        commands.run_once(uow, "u:key", "record_payment", ["bank 2"], fails_after_its_effect)
    assert count(uow) == 0  # the effect went with the refusal
    assert uow.stored_command("u:key", "record_payment") is None  # so a retry may run it


def test_a_command_id_used_for_another_request_is_refused(uow):
    commands.run_once(uow, "u:key", "record_payment", ["a"], lambda: pay(uow, "a"))
    with pytest.raises(InvalidRequest, match="different"):
        commands.run_once(uow, "u:key", "record_payment", ["b"], lambda: pay(uow, "b"))
    assert count(uow) == 1


def test_a_retry_signed_afresh_is_the_same_command(uow):
    first = {"username": "u", "roles": [], "signature": "aa", "expires": 1}
    again = {**first, "signature": "bb", "expires": 2}
    commands.run_once(uow, "u:key", "record_payment", [first, "c"], lambda: pay(uow, "c"))
    commands.run_once(uow, "u:key", "record_payment", [again, "c"], lambda: pay(uow, "c"))
    assert count(uow) == 1


def test_replies_older_than_the_retention_are_forgotten(uow):
    commands.run_once(uow, "u:old", "record_payment", ["d"], lambda: pay(uow, "d"))
    later = datetime.now(UTC) + commands.DEFAULT_RETENTION + timedelta(minutes=1)
    assert commands.prune(uow, now=later) == 1
    assert uow.stored_command("u:old", "record_payment") is None
