"""AFS-4: a request's remedy, linked to its NCR and replacement shipment

Revision ID: 0002_remedies
Revises: 0001
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from servicekit.tables import UtcDateTime

revision: str = "0002_remedies"
down_revision: str | Sequence[str] | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "aftersales_remedy",
        sa.Column("request_no", sa.String(length=64), nullable=False),
        sa.Column("order_no", sa.String(length=64), nullable=False),
        sa.Column("company_id", sa.String(length=32), nullable=False),
        sa.Column("customer_code", sa.String(length=64), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("lines", sa.JSON(), nullable=False),
        sa.Column("quality_feedback", sa.Boolean(), nullable=False),
        sa.Column("planned_at", UtcDateTime(), nullable=False),
        sa.Column("planned_by", sa.String(length=64), nullable=False),
        sa.Column("ncr_no", sa.String(length=64), nullable=True),
        sa.Column("replacement_shipment_no", sa.String(length=64), nullable=True),
        sa.PrimaryKeyConstraint("request_no"),
    )
    op.create_index("ix_aftersales_remedy_order_no", "aftersales_remedy", ["order_no"])
    op.create_index("ix_aftersales_remedy_company_id", "aftersales_remedy", ["company_id"])


def downgrade() -> None:
    op.drop_table("aftersales_remedy")
