"""Alembic environment of the logistics service: see servicekit.alembic_env."""

from servicekit import alembic_env

alembic_env.run("logistics")
