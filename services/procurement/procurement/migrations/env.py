"""Alembic environment of the procurement service: see servicekit.alembic_env."""

from servicekit import alembic_env

alembic_env.run("procurement")
