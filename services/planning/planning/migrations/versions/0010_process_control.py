"""PLN-8: process control -- the preparation check, daily progress history, remedies

Revision ID: 0010_process_control
Revises: 0009_publication
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from servicekit.tables import UtcDateTime

revision: str = "0010_process_control"
down_revision: str | Sequence[str] | None = "0009_publication"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "planning_preparation_check",
        sa.Column("work_order_no", sa.String(length=32), nullable=False),
        sa.Column("checked_by", sa.String(length=64), nullable=False),
        sa.Column("checked_at", UtcDateTime(), nullable=False),
        sa.Column("items", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("work_order_no"),
    )
    op.create_table(
        "planning_progress_report",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("work_order_no", sa.String(length=32), nullable=False),
        sa.Column("reported_at", UtcDateTime(), nullable=False),
        sa.Column("reported_by", sa.String(length=64), nullable=False),
        sa.Column("completed", sa.Numeric(precision=15, scale=3), nullable=False),
        sa.Column("remaining", sa.Numeric(precision=15, scale=3), nullable=False),
        sa.Column("forecast_completion", UtcDateTime(), nullable=True),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("deviation", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_planning_progress_report_work_order_no", "planning_progress_report",
                    ["work_order_no"])
    op.create_table(
        "planning_remedy",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("work_order_no", sa.String(length=32), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("recorded_by", sa.String(length=64), nullable=False),
        sa.Column("recorded_at", UtcDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_planning_remedy_work_order_no", "planning_remedy", ["work_order_no"])


def downgrade() -> None:
    op.drop_table("planning_remedy")
    op.drop_table("planning_progress_report")
    op.drop_table("planning_preparation_check")
