"""master data changes: who changed which record, when, before and after (issue 17)

Revision ID: r0003
Revises: r0002
Create Date: 2026-12-01 23:59:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from servicekit.tables import UtcDateTime

revision: str = "r0003"
down_revision: str | Sequence[str] | None = "r0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "master_data_change",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("record_key", sa.String(length=200), nullable=False),
        sa.Column("company_id", sa.String(length=32), nullable=True),
        sa.Column("action", sa.String(length=20), nullable=False),
        sa.Column("actor", sa.String(length=100), nullable=False),
        sa.Column("at", UtcDateTime(), nullable=False),
        sa.Column("before", sa.JSON(), nullable=True),
        sa.Column("after", sa.JSON(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_master_data_change")),
    )
    with op.batch_alter_table("master_data_change", schema=None) as batch_op:
        batch_op.create_index("ix_master_data_change_kind_key", ["kind", "record_key"],
                              unique=False)


def downgrade() -> None:
    with op.batch_alter_table("master_data_change", schema=None) as batch_op:
        batch_op.drop_index("ix_master_data_change_kind_key")
    op.drop_table("master_data_change")
