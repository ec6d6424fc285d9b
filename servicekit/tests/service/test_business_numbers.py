"""Business numbers (X-4): per kind and company, consecutive, gap-free, safe under concurrency."""

import eventlet
import pytest
from sqlalchemy import MetaData

from servicekit import numbers
from servicekit.db import WriteGate, make_engine
from servicekit.runtime import runtime_tables
from servicekit.uow import UnitOfWork

pytestmark = pytest.mark.service

metadata = MetaData()
tables = runtime_tables(metadata)


@pytest.fixture
def new_uow(db_backend, database_url):
    engine = make_engine(database_url("numbers"))
    metadata.create_all(engine)
    gate = WriteGate(engine)
    yield lambda: UnitOfWork(engine, gate, tables, "sales")
    engine.dispose()


def draw(uow, kind, company_id, **options):
    with uow:
        number = uow.numbers.next(kind, company_id, **options)
        uow.commit()
    return number


def test_numbers_start_at_one_and_increase_per_kind_and_company(new_uow):
    assert [draw(new_uow(), "PO", "P1") for _ in range(3)] == \
        ["PO-P1-000001", "PO-P1-000002", "PO-P1-000003"]
    assert draw(new_uow(), "PO", "P2") == "PO-P2-000001"
    assert draw(new_uow(), "LOT", "P1") == "LOT-P1-000001"
    assert draw(new_uow(), "PO", "P1") == "PO-P1-000004"


def test_one_transaction_draws_consecutive_numbers(new_uow):
    uow = new_uow()
    with uow:
        drawn = [uow.numbers.next("WO", "P1") for _ in range(3)]
        uow.commit()
    assert drawn == ["WO-P1-000001", "WO-P1-000002", "WO-P1-000003"]


def test_a_rolled_back_transaction_does_not_consume_a_number(new_uow):
    assert draw(new_uow(), "SO", "P1") == "SO-P1-000001"
    uow = new_uow()
    with uow:
        assert uow.numbers.next("SO", "P1") == "SO-P1-000002"
        assert uow.numbers.next("SO", "P3") == "SO-P3-000001"
        # no commit: leaving the unit of work rolls back
    uow = new_uow()
    with uow:
        uow.numbers.next("SO", "P1")
        uow.rollback()
    assert draw(new_uow(), "SO", "P1") == "SO-P1-000002"
    assert draw(new_uow(), "SO", "P3") == "SO-P3-000001"


def test_twenty_concurrent_writers_get_twenty_consecutive_numbers(new_uow):
    """Including the race for a company's very first number (no counter row yet)."""

    def write(_):
        uow = new_uow()
        with uow:
            eventlet.sleep(0)  # let the others start their transactions too
            number = uow.numbers.next("SR", "P1")
            eventlet.sleep(0.01)  # hold the number mid-transaction, as real work would
            uow.commit()
        return number

    pool = eventlet.GreenPool(20)
    drawn = list(pool.imap(write, range(20)))
    assert sorted(drawn) == [f"SR-P1-{n:06d}" for n in range(1, 21)]
    assert draw(new_uow(), "SR", "P1") == "SR-P1-000021"


def test_the_width_is_a_parameter(new_uow):
    assert draw(new_uow(), "NCR", "P1", width=4) == "NCR-P1-0001"


def test_sqlite_before_3_35_updates_or_inserts(new_uow, db_backend, monkeypatch):
    if db_backend != "sqlite":
        pytest.skip("the fallback is for old SQLite only")
    monkeypatch.setattr(numbers, "SQLITE_HAS_UPSERT_RETURNING", False)
    assert [draw(new_uow(), "FI", "P1") for _ in range(2)] == ["FI-P1-000001", "FI-P1-000002"]
