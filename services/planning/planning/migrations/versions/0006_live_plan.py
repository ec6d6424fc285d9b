"""the live plan: versions, moves, re-plan proposals, rush reservations, dedicated lines

Revision ID: 0006
Revises: 0005
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from servicekit.tables import UtcDateTime

revision: str = "0006"
down_revision: str | Sequence[str] | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("planning_work_centre") as batch_op:
        batch_op.add_column(sa.Column("dedicated_rush_for", sa.String(length=32),
                                      nullable=True))
    op.create_table(
        "planning_live_plan",
        sa.Column("company_id", sa.String(length=32), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("replanned_at", UtcDateTime(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("company_id", name=op.f("pk_planning_live_plan")),
    )
    op.create_table(
        "planning_plan_move",
        sa.Column("company_id", sa.String(length=32), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("work_order_no", sa.String(length=32), nullable=False),
        sa.Column("order_no", sa.String(length=64), nullable=False),
        sa.Column("line_no", sa.Integer(), nullable=False),
        sa.Column("old_finish", UtcDateTime(), nullable=False),
        sa.Column("new_finish", UtcDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("company_id", "version", "work_order_no",
                                name=op.f("pk_planning_plan_move")),
    )
    op.create_index(op.f("ix_planning_plan_move_order_no"), "planning_plan_move",
                    ["order_no"])
    op.create_table(
        "planning_replan_proposal",
        sa.Column("proposal_no", sa.String(length=32), nullable=False),
        sa.Column("company_id", sa.String(length=32), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("order_no", sa.String(length=64), nullable=True),
        sa.Column("base_version", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("proposed_at", UtcDateTime(), nullable=False),
        sa.Column("proposed_by", sa.String(length=64), nullable=False),
        sa.Column("approvals", sa.Text(), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("proposal_no", name=op.f("pk_planning_replan_proposal")),
    )
    op.create_index(op.f("ix_planning_replan_proposal_company_id"),
                    "planning_replan_proposal", ["company_id"])
    op.create_index(op.f("ix_planning_replan_proposal_order_no"),
                    "planning_replan_proposal", ["order_no"])
    op.create_table(
        "planning_reservation",
        sa.Column("order_no", sa.String(length=64), nullable=False),
        sa.Column("line_no", sa.Integer(), nullable=False),
        sa.Column("step", sa.Integer(), nullable=False),
        sa.Column("company_id", sa.String(length=32), nullable=False),
        sa.Column("work_centre", sa.String(length=32), nullable=False),
        sa.Column("planned_start", UtcDateTime(), nullable=False),
        sa.Column("planned_finish", UtcDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("order_no", "line_no", "step",
                                name=op.f("pk_planning_reservation")),
    )
    op.create_index(op.f("ix_planning_reservation_company_id"), "planning_reservation",
                    ["company_id"])


def downgrade() -> None:
    op.drop_table("planning_reservation")
    op.drop_table("planning_replan_proposal")
    op.drop_table("planning_plan_move")
    op.drop_table("planning_live_plan")
    with op.batch_alter_table("planning_work_centre") as batch_op:
        batch_op.drop_column("dedicated_rush_for")
