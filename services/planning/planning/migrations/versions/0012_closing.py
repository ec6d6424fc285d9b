"""PLN-13: production order closings (quantity, scrap, hours and cost reconciled)

Revision ID: 0012_closing
Revises: 0011_co_production
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from servicekit.tables import UtcDateTime

revision: str = "0012_closing"
down_revision: str | Sequence[str] | None = "0011_co_production"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "planning_closing",
        sa.Column("closing_no", sa.String(length=64), nullable=False),
        sa.Column("order_no", sa.String(length=64), nullable=False),
        sa.Column("plan_no", sa.String(length=32), nullable=False),
        sa.Column("company_id", sa.String(length=32), nullable=False),
        sa.Column("closed_by", sa.String(length=64), nullable=False),
        sa.Column("closed_at", UtcDateTime(), nullable=False),
        sa.Column("planned_completion", UtcDateTime(), nullable=False),
        sa.Column("completed_at", UtcDateTime(), nullable=False),
        sa.Column("lines", sa.Text(), nullable=False),
        sa.Column("unattributed_scrapped", sa.Numeric(15, 3), nullable=False),
        sa.Column("reworked_quantity", sa.Numeric(15, 3), nullable=False),
        sa.Column("scrap_records", sa.Text(), nullable=False),
        sa.Column("standard_hours", sa.Numeric(15, 2), nullable=False),
        sa.Column("earned_hours", sa.Numeric(15, 2), nullable=False),
        sa.Column("actual_hours", sa.Numeric(15, 2), nullable=True),
        sa.Column("actual_cost", sa.Numeric(17, 2), nullable=False),
        sa.Column("planned_cost", sa.Numeric(17, 2), nullable=True),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("cost_basis", sa.Text(), nullable=False),
        sa.Column("work_centres", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("closing_no"),
        sa.UniqueConstraint("order_no"),
    )
    for column in ("company_id", "closed_at"):
        op.create_index(f"ix_planning_closing_{column}", "planning_closing", [column])


def downgrade() -> None:
    op.drop_table("planning_closing")
