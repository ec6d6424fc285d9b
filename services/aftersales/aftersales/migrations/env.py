"""Alembic environment of the aftersales service: see servicekit.alembic_env."""

from servicekit import alembic_env

alembic_env.run("aftersales")
