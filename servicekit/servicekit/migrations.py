"""Schema migrations: Alembic per service, run to head at start-up or by command.

Each service keeps its revisions in `<svc>/migrations/` (env.py, alembic.ini,
script.py.mako, versions/); `servicekit revision <svc> -m "..."` writes new
ones, `servicekit migrate <svc>` and every start-up upgrade to head. See
docs/migrations.md.

The runtime tables (outbox, inbox, deadline, business_number) are one Alembic
branch, `runtime`, owned by servicekit (`runtime_migrations/versions/`) and
shared by every service: a service's Alembic config has both version
locations, its database carries both branches, and upgrades go to `heads`.
`servicekit revision runtime -m "..."` writes runtime revisions.

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

# The runtime tables' branch, shared by every service.
RUNTIME_BRANCH = "runtime"
RUNTIME_DIR = Path(__file__).resolve().parent / "runtime_migrations"

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
# its own revisions (branch "{service}") and servicekit's runtime tables (branch "runtime")
path_separator = newline
version_locations =
    %(here)s/versions
    servicekit:runtime_migrations/versions
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


def _is_runtime(migrations_dir: Path) -> bool:
    return Path(migrations_dir).resolve() == RUNTIME_DIR


def version_locations(migrations_dir: Path) -> list[Path]:
    """A service's own versions/ and the runtime branch's (the runtime folder: its own only)."""
    own = Path(migrations_dir) / "versions"
    return [own] if _is_runtime(migrations_dir) else [own, RUNTIME_DIR / "versions"]


def alembic_config(migrations_dir: Path, url: str):
    from alembic.config import Config

    ini = Path(migrations_dir) / "alembic.ini"
    config = Config(str(ini)) if ini.is_file() else Config()
    config.set_main_option("script_location", str(migrations_dir))
    config.set_main_option("path_separator", "newline")
    config.set_main_option("version_locations", "\n".join(
        str(path).replace("%", "%%") for path in version_locations(migrations_dir)))
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


def schema_diff(connection: Connection, metadata: MetaData,
                tables: set[str] | None = None) -> list:
    """What autogenerate would change to make the database match `metadata`
    (only the tables named in `tables`, if given)."""
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    from servicekit.alembic_env import configure_options

    extra = {}
    if tables is not None:
        extra["include_name"] = (
            lambda name, type_, _parents: type_ != "table" or name in tables)
        extra["include_object"] = (
            lambda _obj, name, type_, _reflected, _compare_to: type_ != "table" or name in tables)
    context = MigrationContext.configure(
        connection, opts=configure_options(connection.dialect.name, target_metadata=metadata,
                                           **extra))
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
    command.stamp(config, "heads")


def _adopt_runtime_branch(config, connection: Connection, metadata: MetaData) -> None:
    """A database versioned before the runtime tables had their own branch (its
    service's first revision made them): stamp the runtime branch at head if
    they are exactly the current runtime tables."""
    from alembic import command
    from alembic.runtime.migration import MigrationContext
    from alembic.script import ScriptDirectory

    from servicekit.alembic_env import RUNTIME_TABLES

    if _is_runtime(Path(config.get_main_option("script_location"))):
        return
    inspector = inspect(connection)
    if not inspector.has_table("alembic_version"):
        return
    runtime_versions = (RUNTIME_DIR / "versions").resolve()
    runtime_revisions = {script.revision
                         for script in ScriptDirectory.from_config(config).walk_revisions()
                         if Path(script.path).resolve().parent == runtime_versions}
    current = set(MigrationContext.configure(connection).get_current_heads())
    if current & runtime_revisions or not current:
        return
    if not set(inspector.get_table_names()) >= RUNTIME_TABLES:
        return
    if schema_diff(connection, metadata, tables=set(RUNTIME_TABLES)):
        return  # upgrading will fail on the existing tables and say so
    log.warning("runtime tables made before they had their own branch: "
                "stamping the %s branch at head", RUNTIME_BRANCH)
    command.stamp(config, f"{RUNTIME_BRANCH}@head")


def _run(engine: Engine, metadata: MetaData, migrations_dir: Path, fn) -> None:
    config = alembic_config(Path(migrations_dir), engine.url.render_as_string(False))
    with _migration_transaction(engine) as connection:
        config.attributes["connection"] = connection
        config.attributes["target_metadata"] = metadata
        fn(config, connection)


def upgrade(engine: Engine, metadata: MetaData, migrations_dir: Path | None,
            revision: str = "heads") -> None:
    if migrations_dir is None or not Path(migrations_dir).is_dir():
        metadata.create_all(engine)
        return
    from alembic import command

    def _upgrade(config, connection):
        _adopt_unversioned(config, connection, metadata)
        _adopt_runtime_branch(config, connection, metadata)
        command.upgrade(config, revision)

    _run(engine, metadata, migrations_dir, _upgrade)


def downgrade(engine: Engine, metadata: MetaData, migrations_dir: Path,
              revision: str = "base") -> None:
    from alembic import command

    _run(engine, metadata, migrations_dir,
         lambda config, _connection: command.downgrade(config, revision))


def next_revision_id(config, prefix: str = "") -> str:
    """0001, 0002, ... (r0001, r0002, ... with prefix "r"): one more than the highest."""
    from alembic.script import ScriptDirectory

    numbers = [int(script.revision[len(prefix):])
               for script in ScriptDirectory.from_config(config).walk_revisions()
               if re.fullmatch(re.escape(prefix) + r"\d+", script.revision)]
    return f"{prefix}{max(numbers, default=0) + 1:04d}"


def _branch_exists(config, branch: str) -> bool:
    from alembic.script import ScriptDirectory

    return any(branch in script.branch_labels
               for script in ScriptDirectory.from_config(config).walk_revisions())


def revision(service: str, metadata: MetaData, migrations_dir: Path, message: str,
             autogenerate: bool = True) -> list[Path]:
    """Write the next revision of a service; returns the files written (none if no changes).

    Autogenerate compares `metadata` with a scratch SQLite database upgraded to
    heads, so no running database is needed; revisions render in batch mode,
    which runs on SQLite and PostgreSQL alike. A service's revisions go to its
    own versions/ (branch `service`) and leave the runtime tables out; the
    service `runtime` (migrations_dir = RUNTIME_DIR) writes the runtime branch.
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
                command.upgrade(config, "heads")
                config.attributes["autogenerate"] = autogenerate
                branch = RUNTIME_BRANCH if _is_runtime(migrations_dir) else service
                if _branch_exists(config, branch):
                    where = {"head": f"{branch}@head"}
                else:
                    where = {"head": "base", "branch_label": branch}
                scripts = command.revision(
                    config, message=message, autogenerate=autogenerate,
                    rev_id=next_revision_id(config, "r" if branch == RUNTIME_BRANCH else ""),
                    version_path=str(migrations_dir / "versions"), **where)
                if not isinstance(scripts, list):
                    scripts = [scripts]
                written.extend(Path(script.path) for script in scripts if script is not None)

            _run(engine, metadata, migrations_dir, _revise)
        finally:
            engine.dispose()
    return written
