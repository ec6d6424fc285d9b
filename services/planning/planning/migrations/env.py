"""Alembic environment of the planning service: see servicekit.alembic_env."""

from servicekit import alembic_env

alembic_env.run("planning")
