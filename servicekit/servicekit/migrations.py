"""Schema migrations: Alembic per service, run to head at start-up or by command.

A service without an Alembic folder (early prototypes, tests' throwaway
services) gets `create_all` instead, which is also what an empty database
needs before the first revision exists.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine, MetaData


def alembic_config(migrations_dir: Path, url: str):
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(migrations_dir))
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config


def upgrade(engine: Engine, metadata: MetaData, migrations_dir: Path | None) -> None:
    if migrations_dir is None or not Path(migrations_dir).is_dir():
        metadata.create_all(engine)
        return
    from alembic import command

    config = alembic_config(Path(migrations_dir), engine.url.render_as_string(False))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        config.attributes["target_metadata"] = metadata
        command.upgrade(config, "head")
