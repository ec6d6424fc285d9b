"""QLT-2: inspection tasks planned from the plan

Revision ID: 0004
Revises: 0003
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from servicekit.tables import UtcDateTime

revision: str = "0004"
down_revision: str | Sequence[str] | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "quality_inspection_task",
        sa.Column("task_no", sa.String(length=64), nullable=False),
        sa.Column("company_id", sa.String(length=32), nullable=False),
        sa.Column("order_no", sa.String(length=64), nullable=False),
        sa.Column("plan_no", sa.String(length=64), nullable=False),
        sa.Column("point", sa.String(length=12), nullable=False),
        sa.Column("planned_at", UtcDateTime(), nullable=False),
        sa.Column("planned_minutes", sa.Integer(), nullable=False),
        sa.Column("work_order_no", sa.String(length=64), nullable=True),
        sa.Column("product_code", sa.String(length=64), nullable=True),
        sa.Column("quantity", sa.Numeric(15, 3), nullable=True),
        sa.Column("inspector", sa.String(length=64), nullable=True),
        sa.Column("assigned_by", sa.String(length=64), nullable=True),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("done_at", UtcDateTime(), nullable=True),
        sa.Column("done_by", sa.String(length=64), nullable=True),
        sa.PrimaryKeyConstraint("task_no"),
    )
    for column in ("company_id", "order_no", "planned_at"):
        op.create_index(f"ix_quality_inspection_task_{column}", "quality_inspection_task",
                        [column])


def downgrade() -> None:
    op.drop_table("quality_inspection_task")
