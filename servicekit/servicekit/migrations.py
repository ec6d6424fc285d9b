"""Schema migrations: Alembic per service, run to head at start-up or by command.

Each service keeps its revisions in `<svc>/migrations/` (env.py, alembic.ini,
script.py.mako, versions/); `servicekit revision <svc> -m "..."` writes new
ones, `servicekit migrate <svc>` and every start-up upgrade to head. See
docs/migrations.md.

A service without an Alembic folder (tests' throwaway services) gets
`create_all` instead.
"""

from __future__ import annotations

import logging
import re
import tempfile
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Connection, Engine, MetaData, inspect, text

log = logging.getLogger(__name__)

# pg_advisory_xact_lock key: replicas of a service starting together migrate one at a time.
_PG_MIGRATION_LOCK = 0x6F72_6473  # "ords"

ALEMBIC_INI = """\
# Alembic settings of the {service} service.
#   servicekit migrate {service}                 upgrade its database to head
#   servicekit revision {service} -m "message"   autogenerate a new revision
# The plain `alembic -c <this file> ...` works too: without sqlalchemy.url,
# env.py uses {service_upper}_DATABASE_URL (default var/{service}.db).
[alembic]
script_location = %(here)s
path_separator = os
# versions/0001_initial.py, 0002_add_something.py, ...
file_template = %%(rev)s_%%(slug)s
truncate_slug_length = 40

[post_write_hooks]
# Keep generated revisions formatted and lint-clean (skipped if ruff is missing).
hooks = ruff_format, ruff_fix
ruff_format.type = module
ruff_format.module = ruff
ruff_format.options = format --quiet REVISION_SCRIPT_FILENAME
ruff_fix.type = module
ruff_fix.module = ruff
ruff_fix.options = check --fix --quiet --exit-zero REVISION_SCRIPT_FILENAME
"""

ENV_PY = '''\
"""Alembic environment of the {service} service: see servicekit.alembic_env."""

from servicekit import alembic_env

alembic_env.run("{service}")
'''

SCRIPT_MAKO = '''\
"""${message}

Revision ID: ${up_revision}
Revises: ${down_revision | comma,n}
Create Date: ${create_date}
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
${imports if imports else ""}
revision: str = ${repr(up_revision)}
down_revision: str | Sequence[str] | None = ${repr(down_revision)}
branch_labels: str | Sequence[str] | None = ${repr(branch_labels)}
depends_on: str | Sequence[str] | None = ${repr(depends_on)}


def upgrade() -> None:
    ${upgrades if upgrades else "pass"}


def downgrade() -> None:
    ${downgrades if downgrades else "pass"}
'''


def scaffold(migrations_dir: Path, service: str) -> None:
    """Create a service's empty Alembic folder (what `alembic init` would, our way)."""
    migrations_dir = Path(migrations_dir)
    (migrations_dir / "versions").mkdir(parents=True, exist_ok=True)
    files = {
        "alembic.ini": ALEMBIC_INI.format(service=service, service_upper=service.upper()),
        "env.py": ENV_PY.format(service=service),
        "script.py.mako": SCRIPT_MAKO,
    }
    for name, content in files.items():
        path = migrations_dir / name
        if not path.exists():
            path.write_text(content)


def alembic_config(migrations_dir: Path, url: str):
    from alembic.config import Config

    ini = Path(migrations_dir) / "alembic.ini"
    config = Config(str(ini)) if ini.is_file() else Config()
    config.set_main_option("script_location", str(migrations_dir))
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config


@contextmanager
def _migration_transaction(engine: Engine):
    """One transaction for a whole migration run, taken exclusively.

    SQLite: BEGIN IMMEDIATE (servicekit.db), so a second process waits and then
    finds the schema at head. PostgreSQL: DDL is transactional; an advisory
    lock held to commit keeps concurrent replicas from racing.
    """
    with engine.connect() as connection:
        connection.execution_options(write=True)
        with connection.begin():
            if connection.dialect.name == "postgresql":
                connection.execute(text("SELECT pg_advisory_xact_lock(:key)"),
                                   {"key": _PG_MIGRATION_LOCK})
            yield connection


def schema_diff(connection: Connection, metadata: MetaData) -> list:
    """What autogenerate would change to make the database match `metadata`."""
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    from servicekit.alembic_env import configure_options

    context = MigrationContext.configure(
        connection, opts=configure_options(connection.dialect.name, target_metadata=metadata))
    return compare_metadata(context, metadata)


def _adopt_unversioned(config, connection: Connection, metadata: MetaData) -> None:
    """A database made by `create_all` before the service had revisions: stamp it.

    Only when its schema is exactly the metadata's (= head, which the migration
    tests guarantee); anything else needs a person, not a guess.
    """
    from alembic import command

    inspector = inspect(connection)
    if inspector.has_table("alembic_version"):
        return
    existing = set(inspector.get_table_names()) & set(metadata.tables)
    if not existing:
        return
    diff = schema_diff(connection, metadata)
    if diff:
        raise RuntimeError(
            f"database {connection.engine.url.render_as_string(True)} has tables "
            f"({', '.join(sorted(existing))}) but no Alembic version, and its schema differs "
            f"from the current one: {diff!r}. Migrate it by hand and `alembic stamp` it, or "
            f"(a development database) delete it.")
    log.warning("unversioned database at the current schema: stamping it at head")
    command.stamp(config, "head")


def _run(engine: Engine, metadata: MetaData, migrations_dir: Path, fn) -> None:
    config = alembic_config(Path(migrations_dir), engine.url.render_as_string(False))
    with _migration_transaction(engine) as connection:
        config.attributes["connection"] = connection
        config.attributes["target_metadata"] = metadata
        fn(config, connection)


def upgrade(engine: Engine, metadata: MetaData, migrations_dir: Path | None,
            revision: str = "head") -> None:
    if migrations_dir is None or not Path(migrations_dir).is_dir():
        metadata.create_all(engine)
        return
    from alembic import command

    def _upgrade(config, connection):
        _adopt_unversioned(config, connection, metadata)
        command.upgrade(config, revision)

    _run(engine, metadata, migrations_dir, _upgrade)


def downgrade(engine: Engine, metadata: MetaData, migrations_dir: Path,
              revision: str = "base") -> None:
    from alembic import command

    _run(engine, metadata, migrations_dir,
         lambda config, _connection: command.downgrade(config, revision))


def next_revision_id(config) -> str:
    """0001, 0002, ...: one more than the highest numbered revision."""
    from alembic.script import ScriptDirectory

    numbers = [int(script.revision)
               for script in ScriptDirectory.from_config(config).walk_revisions()
               if re.fullmatch(r"\d+", script.revision)]
    return f"{max(numbers, default=0) + 1:04d}"


def revision(service: str, metadata: MetaData, migrations_dir: Path, message: str,
             autogenerate: bool = True) -> list[Path]:
    """Write the next revision of a service; returns the files written (none if no changes).

    Autogenerate compares `metadata` with a scratch SQLite database upgraded to
    head, so no running database is needed; revisions render in batch mode,
    which runs on SQLite and PostgreSQL alike.
    """
    from alembic import command

    from servicekit.db import make_engine

    migrations_dir = Path(migrations_dir)
    if not migrations_dir.is_dir():
        scaffold(migrations_dir, service)
    written: list[Path] = []
    with tempfile.TemporaryDirectory(prefix=f"{service}-revision-") as scratch:
        engine = make_engine(f"sqlite:///{Path(scratch) / 'scratch.db'}")
        try:
            def _revise(config, _connection):
                command.upgrade(config, "head")
                config.attributes["autogenerate"] = autogenerate
                scripts = command.revision(config, message=message, autogenerate=autogenerate,
                                           rev_id=next_revision_id(config))
                if not isinstance(scripts, list):
                    scripts = [scripts]
                written.extend(Path(script.path) for script in scripts if script is not None)

            _run(engine, metadata, migrations_dir, _revise)
        finally:
            engine.dispose()
    return written
