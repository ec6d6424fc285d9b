"""QLT-3 findings; QLT-4 NCRs with owner, disposition details, closure and complaints

Revision ID: 0003
Revises: 0002
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from servicekit.tables import UtcDateTime

revision: str = "0003"
down_revision: str | Sequence[str] | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

NCR_COLUMNS = [
    sa.Column("owner", sa.String(length=64), nullable=True),
    sa.Column("price_reduction_percent", sa.Numeric(5, 2), nullable=True),
    sa.Column("product_code", sa.String(length=64), nullable=True),
    sa.Column("quantity", sa.Numeric(15, 3), nullable=True),
    sa.Column("disposed_at", UtcDateTime(), nullable=True),
    sa.Column("disposed_by", sa.String(length=64), nullable=True),
    sa.Column("closed_by", sa.String(length=64), nullable=True),
    sa.Column("evidence", sa.Text(), nullable=True),
    sa.Column("complaints", sa.JSON(), nullable=True),
]


def upgrade() -> None:
    op.create_table(
        "quality_finding",
        sa.Column("finding_no", sa.String(length=64), nullable=False),
        sa.Column("company_id", sa.String(length=32), nullable=False),
        sa.Column("order_no", sa.String(length=64), nullable=False),
        sa.Column("kind", sa.String(length=24), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("product_code", sa.String(length=64), nullable=True),
        sa.Column("quantity", sa.Numeric(15, 3), nullable=True),
        sa.Column("found_at", UtcDateTime(), nullable=False),
        sa.Column("found_by", sa.String(length=64), nullable=False),
        sa.Column("ncr_no", sa.String(length=64), nullable=False),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("reacted_at", UtcDateTime(), nullable=True),
        sa.Column("reacted_by", sa.String(length=64), nullable=True),
        sa.Column("action", sa.Text(), nullable=True),
        sa.Column("resolved_at", UtcDateTime(), nullable=True),
        sa.Column("resolved_by", sa.String(length=64), nullable=True),
        sa.Column("resolution", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("finding_no"),
    )
    for column in ("company_id", "order_no", "found_at"):
        op.create_index(f"ix_quality_finding_{column}", "quality_finding", [column])
    with op.batch_alter_table("quality_nonconformance") as batch:
        for column in NCR_COLUMNS:
            batch.add_column(column)


def downgrade() -> None:
    with op.batch_alter_table("quality_nonconformance") as batch:
        for column in NCR_COLUMNS:
            batch.drop_column(column.name)
    op.drop_table("quality_finding")
