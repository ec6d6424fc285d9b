"""PLN-6: objections to a plan task's time, from any company of the group

Revision ID: 0007_objections
Revises: 0006
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from servicekit.tables import UtcDateTime

revision: str = "0007_objections"
down_revision: str | Sequence[str] | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "planning_objection",
        sa.Column("objection_no", sa.String(length=64), nullable=False),
        sa.Column("company_id", sa.String(length=32), nullable=False),
        sa.Column("plan_company_id", sa.String(length=32), nullable=False),
        sa.Column("order_no", sa.String(length=64), nullable=False),
        sa.Column("work_order_no", sa.String(length=64), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("proposed_finish", UtcDateTime(), nullable=False),
        sa.Column("planned_finish", UtcDateTime(), nullable=False),
        sa.Column("raised_by", sa.String(length=64), nullable=False),
        sa.Column("raised_at", UtcDateTime(), nullable=False),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("decided_by", sa.String(length=64), nullable=True),
        sa.Column("decided_at", UtcDateTime(), nullable=True),
        sa.Column("decision_reason", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("objection_no"),
    )
    for column in ("company_id", "plan_company_id", "order_no"):
        op.create_index(f"ix_planning_objection_{column}", "planning_objection", [column])


def downgrade() -> None:
    op.drop_table("planning_objection")
