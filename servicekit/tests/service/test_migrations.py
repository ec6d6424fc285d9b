"""Every service's Alembic revisions build exactly the schema its tables.py declares.

If a test here fails with a non-empty diff, someone changed a tables.py (or the
runtime tables) without a revision: `servicekit revision <svc> -m "..."`
(docs/migrations.md).
"""

from __future__ import annotations

import ast
import re

import pytest
from sqlalchemy import Column, Integer, MetaData, String, Table, inspect, text

from servicekit import migrations
from servicekit.alembic_env import RUNTIME_TABLES
from servicekit.cli import SERVICES, service_class
from servicekit.db import make_engine
from servicekit.tables import UtcDateTime, add_runtime_tables

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
    assert _tables(engine) >= RUNTIME_TABLES
    with engine.connect() as connection:
        versions = set(connection.execute(text("SELECT version_num FROM alembic_version"))
                       .scalars())
    assert len(versions) == 2  # the service's branch and the runtime branch

    migrations.downgrade(engine, provider.metadata, provider.migrations_dir, "base")
    assert _tables(engine) <= {"alembic_version"}

    migrations.upgrade(engine, provider.metadata, provider.migrations_dir)
    assert _diff(engine, provider.metadata) == []
    migrations.upgrade(engine, provider.metadata, provider.migrations_dir)  # idempotent


# op.<operation>(...) -> position of its table name (batch_op.* name none: the batch's table)
_TABLE_ARG = {"create_table": 0, "drop_table": 0, "batch_alter_table": 0, "rename_table": 0,
              "add_column": 0, "drop_column": 0, "alter_column": 0, "bulk_insert": 0,
              "create_index": 1, "drop_index": 1, "create_unique_constraint": 1,
              "create_check_constraint": 1, "create_primary_key": 1, "drop_constraint": 1,
              "create_foreign_key": 1}


def _tables_named_in(source: str) -> set[str]:
    """Table names a revision passes to op.create_table, op.batch_alter_table, ..."""
    names = set()
    for node in ast.walk(ast.parse(source)):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                and isinstance(node.func.value, ast.Name) and node.func.value.id == "op"):
            continue
        position = _TABLE_ARG.get(node.func.attr)
        if position is not None and len(node.args) > position \
                and isinstance(node.args[position], ast.Constant):
            names.add(node.args[position].value)
        names.update(keyword.value.value for keyword in node.keywords
                     if keyword.arg in {"table_name", "source_table", "referent_table"}
                     and isinstance(keyword.value, ast.Constant))
    return names


@pytest.mark.parametrize("service", sorted(SERVICES))
def test_service_revisions_leave_the_runtime_tables_to_the_runtime_branch(service):
    provider = service_class(service).uow
    revisions = sorted((provider.migrations_dir / "versions").glob("*.py"))
    assert revisions
    for path in revisions:
        source = path.read_text()
        assert not _tables_named_in(source) & RUNTIME_TABLES, (
            f"{path} touches runtime tables; they belong to servicekit's runtime branch")
        assert _tables_named_in(source) <= set(provider.metadata.tables)
    runtime = sorted((migrations.RUNTIME_DIR / "versions").glob("*.py"))
    assert runtime
    assert set().union(*(_tables_named_in(path.read_text()) for path in runtime)) \
        == RUNTIME_TABLES


def test_database_versioned_before_the_runtime_branch_is_adopted(database_url, engines):
    """A dev database whose service revision made the runtime tables (before they had
    their own branch): the runtime branch is stamped, the service upgrades."""
    provider = service_class("sales").uow
    engine = engines(database_url("sales"))
    provider.metadata.create_all(engine)
    with engine.begin() as connection:
        connection.execute(text("CREATE TABLE alembic_version (version_num VARCHAR(32) "
                                "NOT NULL PRIMARY KEY)"))
        # the service's own head: its tables are the current ones (create_all above)
        newest = sorted((provider.migrations_dir / "versions").glob("0*.py"))[-1]
        head = re.search(r'^revision: str = "([^"]+)"', newest.read_text(), re.M).group(1)
        connection.execute(text(f"INSERT INTO alembic_version VALUES ('{head}')"))

    migrations.upgrade(engine, provider.metadata, provider.migrations_dir)
    with engine.connect() as connection:
        versions = set(connection.execute(text("SELECT version_num FROM alembic_version"))
                       .scalars())
    assert head in versions and any(v.startswith("r") for v in versions)
    assert _diff(engine, provider.metadata) == []


def test_unversioned_database_at_the_current_schema_is_stamped(database_url, engines):
    """A dev database made by create_all before revisions existed keeps working."""
    provider = service_class("sales").uow
    engine = engines(database_url("sales"))
    provider.metadata.create_all(engine)

    migrations.upgrade(engine, provider.metadata, provider.migrations_dir)
    with engine.connect() as connection:
        versions = connection.execute(text("SELECT version_num FROM alembic_version")).all()
    assert len(versions) == 2  # both branches at head


def test_unversioned_database_with_another_schema_is_refused(database_url, engines):
    provider = service_class("sales").uow
    engine = engines(database_url("sales"))
    # one table of the service, alone: some schema, but not the current one
    next(iter(provider.metadata.sorted_tables)).create(engine)

    with pytest.raises(RuntimeError, match="no Alembic version"):
        migrations.upgrade(engine, provider.metadata, provider.migrations_dir)


def _widget_metadata(with_note: bool) -> MetaData:
    metadata = MetaData()
    add_runtime_tables(metadata)  # every service has them; the runtime branch makes them
    columns = [Column("id", Integer, primary_key=True), Column("made_at", UtcDateTime())]
    if with_note:
        columns.append(Column("note", String(40), index=True))
    Table("widget", metadata, *columns)
    return metadata


def test_revision_command_writes_numbered_revisions_that_migrate(
        tmp_path, db_backend, database_url, engines):
    """`servicekit revision` from scratch: scaffolds the folder, numbers revisions,
    renders UtcDateTime importably, writes nothing when nothing changed, leaves the
    runtime tables to the runtime branch."""
    folder = tmp_path / "widgets" / "migrations"

    first = migrations.revision("widgets", _widget_metadata(False), folder, "initial")
    second = migrations.revision("widgets", _widget_metadata(True), folder, "add widget note")
    none = migrations.revision("widgets", _widget_metadata(True), folder, "nothing")
    runtime_changed = _widget_metadata(True)
    runtime_changed.tables["outbox"].append_column(Column("extra", Integer))
    assert migrations.revision("widgets", runtime_changed, folder, "runtime change") == [], \
        "a service's revision picked up a runtime table change"

    assert [path.name for path in first + second] == ["0001_initial.py", "0002_add_widget_note.py"]
    assert none == []
    source = first[0].read_text()
    assert "from servicekit.tables import UtcDateTime" in source
    assert "UtcDateTime()" in source
    assert "batch_alter_table" in second[0].read_text()
    assert _tables_named_in(source) == {"widget"}
    assert "branch_labels: str | Sequence[str] | None = ('widgets',)" in source \
        or "= (\"widgets\",)" in source

    engine = engines(database_url("widgets"))
    metadata = _widget_metadata(True)
    migrations.upgrade(engine, metadata, folder)
    assert _diff(engine, metadata) == []
    migrations.downgrade(engine, metadata, folder, "0001")
    assert _diff(engine, _widget_metadata(False)) == []
