"""supplier approval date scope retired

Revision ID: 0005_master_data
Revises: 0004_concessions
Create Date: 2026-12-02 00:17:57.545651
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005_master_data"
down_revision: str | Sequence[str] | None = "0004_concessions"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("procurement_supplier", schema=None) as batch_op:
        batch_op.add_column(sa.Column("approved_on", sa.Date(), nullable=True))
        batch_op.add_column(
            sa.Column("scope", sa.String(length=300), server_default="", nullable=False)
        )
        batch_op.add_column(
            sa.Column("retired", sa.Boolean(), server_default=sa.false(), nullable=False)
        )


def downgrade() -> None:
    with op.batch_alter_table("procurement_supplier", schema=None) as batch_op:
        batch_op.drop_column("retired")
        batch_op.drop_column("scope")
        batch_op.drop_column("approved_on")
