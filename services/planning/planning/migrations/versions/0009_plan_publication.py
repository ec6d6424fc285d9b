"""PLN-1: a plan is proposed, then published by a planner; PLN-3: its coordination meeting

Plans made before publishing existed were announced when they were made: they count as
published then.

Revision ID: 0009_publication
Revises: 0008_outsourcing
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from servicekit.tables import UtcDateTime

revision: str = "0009_publication"
down_revision: str | Sequence[str] | None = "0008_outsourcing"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("planning_plan") as batch:
        batch.add_column(sa.Column("published_at", UtcDateTime(), nullable=True))
        batch.add_column(sa.Column("published_by", sa.String(length=64), nullable=True))
        batch.add_column(sa.Column("publish_note", sa.Text(), nullable=True))
    op.execute("UPDATE planning_plan SET published_at = created_at, published_by = 'system', "
               "publish_note = 'announced when decomposed, before PLN-1 publishing'")
    op.create_table(
        "planning_plan_coordination",
        sa.Column("plan_no", sa.String(length=32), nullable=False),
        sa.Column("held_at", UtcDateTime(), nullable=False),
        sa.Column("recorded_by", sa.String(length=64), nullable=False),
        sa.Column("recorded_at", UtcDateTime(), nullable=False),
        sa.Column("attendees", sa.JSON(), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["plan_no"], ["planning_plan.plan_no"]),
        sa.PrimaryKeyConstraint("plan_no"),
    )
    op.create_table(
        "planning_plan_approval",
        sa.Column("plan_no", sa.String(length=32), nullable=False),
        sa.Column("department", sa.String(length=20), nullable=False),
        sa.Column("approved_by", sa.String(length=64), nullable=False),
        sa.Column("approved_at", UtcDateTime(), nullable=False),
        sa.Column("remark", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["plan_no"], ["planning_plan.plan_no"]),
        sa.PrimaryKeyConstraint("plan_no", "department"),
    )


def downgrade() -> None:
    op.drop_table("planning_plan_approval")
    op.drop_table("planning_plan_coordination")
    with op.batch_alter_table("planning_plan") as batch:
        batch.drop_column("publish_note")
        batch.drop_column("published_by")
        batch.drop_column("published_at")
