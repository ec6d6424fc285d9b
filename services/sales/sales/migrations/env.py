"""Alembic environment of the sales service: see servicekit.alembic_env."""

from servicekit import alembic_env

alembic_env.run("sales")
