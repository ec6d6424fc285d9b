"""The body of every service's `migrations/env.py`.

    from servicekit import alembic_env

    alembic_env.run("sales")

Two ways in:

* start-up, `servicekit migrate`, `servicekit revision` and the tests go through
  `servicekit.migrations`, which hands over an open connection (already in a
  transaction) and the service's full metadata in `config.attributes`;
* the plain `alembic -c services/sales/sales/migrations/alembic.ini ...` command
  gets neither: the URL is `sqlalchemy.url` if set, else the service's
  DATABASE_URL (`SALES_DATABASE_URL`, default `var/sales.db`), and the metadata
  is the service's (its own tables plus the runtime tables).

The runtime tables (outbox, inbox, deadline, business_number) have their own
branch, `runtime` (servicekit/runtime_migrations, `alembic_env.run("runtime")`):
autogenerate for a service leaves them out, autogenerate for `runtime` sees
only them.

SQLite cannot ALTER much, so operations are rendered and run in batch mode
there; batch operations are plain ALTERs on PostgreSQL, so one revision serves
both.
"""

from __future__ import annotations

import logging

from sqlalchemy import MetaData

from servicekit.tables import NAMING_CONVENTION, UtcDateTime, add_runtime_tables

log = logging.getLogger("alembic.env")


RUNTIME = "runtime"  # the branch (and pseudo-service) of the runtime tables
RUNTIME_TABLES = frozenset(add_runtime_tables(MetaData()))


def runtime_metadata() -> MetaData:
    """The runtime tables alone, named as in every service's metadata."""
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    add_runtime_tables(metadata)
    return metadata


def service_metadata(service: str) -> MetaData:
    """The service's metadata with the runtime tables, as its provider sees it."""
    if service == RUNTIME:
        return runtime_metadata()
    from servicekit.cli import service_class

    return service_class(service).uow.metadata


def include_name_for(service: str):
    """Autogenerate's table filter: a service's revisions never touch the runtime
    tables (the runtime branch owns them); the runtime's touch nothing else."""
    runtime = service == RUNTIME

    def include_name(name, type_, _parent_names) -> bool:
        if type_ != "table":
            return True
        return (name in RUNTIME_TABLES) == runtime

    return include_name


def include_object_for(service: str):
    """The same filter on the metadata side (tables not in the database yet)."""
    runtime = service == RUNTIME

    def include_object(obj, name, type_, _reflected, _compare_to) -> bool:
        if type_ != "table":
            return True
        return (name in RUNTIME_TABLES) == runtime

    return include_object


def render_item(type_: str, obj, autogen_context):
    """Render servicekit's own column types importably (`UtcDateTime()`)."""
    if type_ == "type" and isinstance(obj, UtcDateTime):
        autogen_context.imports.add("from servicekit.tables import UtcDateTime")
        return "UtcDateTime()"
    return False  # alembic's default rendering


def configure_options(dialect_name: str, **extra) -> dict:
    """The options of `context.configure`, shared with `migrations.schema_diff`."""
    options = {
        "compare_type": True,
        "render_as_batch": dialect_name == "sqlite",
        "render_item": render_item,
    }
    options.update(extra)
    return options


def _skip_empty_autogenerate(config):
    """Write no revision when autogenerate finds nothing to do."""

    def process_revision_directives(context, revision, directives):
        cmd_opts = config.cmd_opts
        autogenerate = (getattr(cmd_opts, "autogenerate", False)
                        or config.attributes.get("autogenerate", False))
        if autogenerate and directives and directives[0].upgrade_ops.is_empty():
            directives[:] = []
            log.info("No changes in schema detected; no revision written.")

    return process_revision_directives


def run(service: str) -> None:
    """Run the migrations of `service` in the current Alembic context."""
    from alembic import context

    config = context.config
    connection = config.attributes.get("connection")
    metadata = config.attributes.get("target_metadata")
    if metadata is None:
        metadata = service_metadata(service)
    directives = _skip_empty_autogenerate(config)
    only = {"include_name": include_name_for(service),
            "include_object": include_object_for(service)}

    if connection is not None:
        _configure(context, connection, metadata, directives, only)
        return

    if not logging.getLogger().handlers:  # the plain alembic command configures none
        logging.basicConfig(level=logging.INFO, format="%(levelname)-5.5s [%(name)s] %(message)s")
    url = config.get_main_option("sqlalchemy.url")
    if not url:
        from servicekit.config import database_url

        url = database_url(service)
    from servicekit.db import normalise_url

    url = normalise_url(url)
    if context.is_offline_mode():
        from sqlalchemy.engine import make_url

        context.configure(url=url, target_metadata=metadata, literal_binds=True,
                          dialect_opts={"paramstyle": "named"},
                          process_revision_directives=directives,
                          **configure_options(make_url(url).get_backend_name(), **only))
        with context.begin_transaction():
            context.run_migrations()
        return

    from servicekit.db import make_engine

    engine = make_engine(url)
    try:
        with engine.connect() as connection:
            _configure(context, connection, metadata, directives, only)
    finally:
        engine.dispose()


def _configure(context, connection, metadata, directives, only) -> None:
    context.configure(connection=connection, target_metadata=metadata,
                      process_revision_directives=directives,
                      **configure_options(connection.dialect.name, **only))
    with context.begin_transaction():
        context.run_migrations()
