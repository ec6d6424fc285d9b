"""QLT-4: rework work orders and scrap records from quality's NCRs

Revision ID: 0003_ncr_rework
Revises: 0002
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from servicekit.tables import UtcDateTime

revision: str = "0003_ncr_rework"
down_revision: str | Sequence[str] | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "planning_rework_order",
        sa.Column("rework_order_no", sa.String(length=64), nullable=False),
        sa.Column("kind", sa.String(length=12), nullable=False),
        sa.Column("company_id", sa.String(length=32), nullable=False),
        sa.Column("order_no", sa.String(length=64), nullable=False),
        sa.Column("ncr_no", sa.String(length=64), nullable=False),
        sa.Column("product_code", sa.String(length=64), nullable=True),
        sa.Column("quantity", sa.Numeric(15, 3), nullable=True),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("owner", sa.String(length=64), nullable=True),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("created_at", UtcDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("rework_order_no"),
        sa.UniqueConstraint("ncr_no"),
    )
    op.create_index("ix_planning_rework_order_company_id", "planning_rework_order",
                    ["company_id"])
    op.create_index("ix_planning_rework_order_order_no", "planning_rework_order", ["order_no"])


def downgrade() -> None:
    op.drop_table("planning_rework_order")
