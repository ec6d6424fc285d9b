"""Every service's Alembic revisions build exactly the schema its tables.py declares.

If a test here fails with a non-empty diff, someone changed a tables.py (or the
runtime tables) without a revision: `servicekit revision <svc> -m "..."`
(docs/migrations.md).
"""

from __future__ import annotations

import pytest
from sqlalchemy import Column, Integer, MetaData, String, Table, inspect, text

from servicekit import migrations
from servicekit.cli import SERVICES, service_class
from servicekit.db import make_engine
from servicekit.tables import UtcDateTime

pytestmark = pytest.mark.service


def _tables(engine) -> set[str]:
    with engine.connect() as connection:
        return set(inspect(connection).get_table_names())


def _diff(engine, metadata) -> list:
    with engine.connect() as connection:
        return migrations.schema_diff(connection, metadata)


@pytest.fixture
def engines():
    made = []

    def make(url):
        made.append(make_engine(url))
        return made[-1]

    yield make
    for engine in made:
        engine.dispose()


@pytest.mark.parametrize("service", sorted(SERVICES))
def test_revisions_build_the_declared_schema(service, db_backend, database_url, engines):
    provider = service_class(service).uow
    assert provider.migrations_dir.is_dir(), f"{service} has no migrations folder"
    engine = engines(database_url(service))

    migrations.upgrade(engine, provider.metadata, provider.migrations_dir)
    assert _diff(engine, provider.metadata) == [], (
        f"{service}: the schema at head differs from tables.py; "
        f"run `servicekit revision {service} -m '...'`")
    assert {"outbox", "inbox", "deadline"} <= _tables(engine)

    migrations.downgrade(engine, provider.metadata, provider.migrations_dir, "base")
    assert _tables(engine) <= {"alembic_version"}

    migrations.upgrade(engine, provider.metadata, provider.migrations_dir)
    assert _diff(engine, provider.metadata) == []
    migrations.upgrade(engine, provider.metadata, provider.migrations_dir)  # idempotent


def test_unversioned_database_at_the_current_schema_is_stamped(database_url, engines):
    """A dev database made by create_all before revisions existed keeps working."""
    provider = service_class("sales").uow
    engine = engines(database_url("sales"))
    provider.metadata.create_all(engine)

    migrations.upgrade(engine, provider.metadata, provider.migrations_dir)
    with engine.connect() as connection:
        assert connection.execute(text("SELECT version_num FROM alembic_version")).scalar()


def test_unversioned_database_with_another_schema_is_refused(database_url, engines):
    provider = service_class("sales").uow
    engine = engines(database_url("sales"))
    # one table of the service, alone: some schema, but not the current one
    next(iter(provider.metadata.sorted_tables)).create(engine)

    with pytest.raises(RuntimeError, match="no Alembic version"):
        migrations.upgrade(engine, provider.metadata, provider.migrations_dir)


def _widget_metadata(with_note: bool) -> MetaData:
    metadata = MetaData()
    columns = [Column("id", Integer, primary_key=True), Column("made_at", UtcDateTime())]
    if with_note:
        columns.append(Column("note", String(40), index=True))
    Table("widget", metadata, *columns)
    return metadata


def test_revision_command_writes_numbered_revisions_that_migrate(
        tmp_path, db_backend, database_url, engines):
    """`servicekit revision` from scratch: scaffolds the folder, numbers revisions,
    renders UtcDateTime importably, writes nothing when nothing changed."""
    folder = tmp_path / "widgets" / "migrations"

    first = migrations.revision("widgets", _widget_metadata(False), folder, "initial")
    second = migrations.revision("widgets", _widget_metadata(True), folder, "add widget note")
    none = migrations.revision("widgets", _widget_metadata(True), folder, "nothing")

    assert [path.name for path in first + second] == ["0001_initial.py", "0002_add_widget_note.py"]
    assert none == []
    source = first[0].read_text()
    assert "from servicekit.tables import UtcDateTime" in source
    assert "UtcDateTime()" in source
    assert "batch_alter_table" in second[0].read_text()

    engine = engines(database_url("widgets"))
    metadata = _widget_metadata(True)
    migrations.upgrade(engine, metadata, folder)
    assert _diff(engine, metadata) == []
    migrations.downgrade(engine, metadata, folder, "0001")
    assert _diff(engine, _widget_metadata(False)) == []
