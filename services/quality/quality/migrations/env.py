"""Alembic environment of the quality service: see servicekit.alembic_env."""

from servicekit import alembic_env

alembic_env.run("quality")
