"""Alembic environment of the runtime tables' branch: see servicekit.alembic_env."""

from servicekit import alembic_env

alembic_env.run("runtime")
