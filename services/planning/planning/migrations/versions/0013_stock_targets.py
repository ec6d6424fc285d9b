"""PLN-11: make-to-stock levels of standard items (min, max, on hand)

Revision ID: 0013_stock_targets
Revises: 0012_closing
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from servicekit.tables import UtcDateTime

revision: str = "0013_stock_targets"
down_revision: str | Sequence[str] | None = "0012_closing"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "planning_stock_target",
        sa.Column("company_id", sa.String(length=32), nullable=False),
        sa.Column("product_code", sa.String(length=64), nullable=False),
        sa.Column("minimum", sa.Numeric(15, 3), nullable=False),
        sa.Column("maximum", sa.Numeric(15, 3), nullable=False),
        sa.Column("on_hand", sa.Numeric(15, 3), nullable=False),
        sa.Column("set_by", sa.String(length=64), nullable=False),
        sa.Column("set_at", UtcDateTime(), nullable=True),
        sa.Column("counted_by", sa.String(length=64), nullable=True),
        sa.Column("counted_at", UtcDateTime(), nullable=True),
        sa.PrimaryKeyConstraint("company_id", "product_code"),
    )


def downgrade() -> None:
    op.drop_table("planning_stock_target")
