"""AFS-5: satisfaction surveys

Revision ID: 0003_surveys
Revises: 0002_remedies
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from servicekit.tables import UtcDateTime

revision: str = "0003_surveys"
down_revision: str | Sequence[str] | None = "0002_remedies"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "aftersales_survey",
        sa.Column("survey_no", sa.String(length=64), nullable=False),
        sa.Column("company_id", sa.String(length=32), nullable=False),
        sa.Column("order_no", sa.String(length=64), nullable=False),
        sa.Column("request_no", sa.String(length=64), nullable=True),
        sa.Column("customer_code", sa.String(length=64), nullable=False),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("sent_at", UtcDateTime(), nullable=False),
        sa.Column("sent_by", sa.String(length=64), nullable=False),
        sa.Column("quality", sa.Integer(), nullable=True),
        sa.Column("delivery", sa.Integer(), nullable=True),
        sa.Column("service", sa.Integer(), nullable=True),
        sa.Column("comment", sa.Text(), nullable=True),
        sa.Column("answered_at", UtcDateTime(), nullable=True),
        sa.Column("recorded_by", sa.String(length=64), nullable=True),
        sa.PrimaryKeyConstraint("survey_no"),
    )
    for column in ("company_id", "order_no", "sent_at"):
        op.create_index(f"ix_aftersales_survey_{column}", "aftersales_survey", [column])


def downgrade() -> None:
    op.drop_table("aftersales_survey")
