"""PLN-5: work centres out of action (breakdowns) that placements and re-plans keep clear of

Revision ID: 0014_downtime
Revises: 0013_stock_targets
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from servicekit.tables import UtcDateTime

revision: str = "0014_downtime"
down_revision: str | Sequence[str] | None = "0013_stock_targets"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "planning_downtime",
        sa.Column("downtime_no", sa.String(length=32), nullable=False),
        sa.Column("company_id", sa.String(length=32), nullable=False),
        sa.Column("work_centre", sa.String(length=64), nullable=False),
        sa.Column("down_from", UtcDateTime(), nullable=False),
        sa.Column("down_until", UtcDateTime(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("recorded_by", sa.String(length=64), nullable=False),
        sa.Column("recorded_at", UtcDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("downtime_no"),
    )
    op.create_index("ix_planning_downtime_company_id", "planning_downtime", ["company_id"])


def downgrade() -> None:
    op.drop_index("ix_planning_downtime_company_id", table_name="planning_downtime")
    op.drop_table("planning_downtime")
