"""AFS-3: installation and commissioning on the customer's site

Revision ID: 0004_installations
Revises: 0003_surveys
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from servicekit.tables import UtcDateTime

revision: str = "0004_installations"
down_revision: str | Sequence[str] | None = "0003_surveys"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TABLE = "aftersales_installation"


def upgrade() -> None:
    op.create_table(
        TABLE,
        sa.Column("installation_no", sa.String(length=64), nullable=False),
        sa.Column("order_no", sa.String(length=64), nullable=False),
        sa.Column("company_id", sa.String(length=32), nullable=False),
        sa.Column("customer_code", sa.String(length=64), nullable=False),
        sa.Column("site", sa.String(length=300), nullable=False),
        sa.Column("scheduled_on", sa.Date(), nullable=False),
        sa.Column("scheduled_at", UtcDateTime(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("done_at", UtcDateTime(), nullable=True),
        sa.Column("done_by", sa.String(length=64), nullable=True),
        sa.Column("report", sa.Text(), nullable=False),
        sa.Column("signed_off_by", sa.String(length=100), nullable=True),
        sa.Column("signed_off_at", UtcDateTime(), nullable=True),
        sa.Column("recorded_by", sa.String(length=64), nullable=True),
        sa.PrimaryKeyConstraint("installation_no", name=op.f("pk_aftersales_installation")),
        sa.UniqueConstraint("order_no", name=op.f("uq_aftersales_installation_order_no")),
    )
    with op.batch_alter_table(TABLE) as batch_op:
        batch_op.create_index(batch_op.f(f"ix_{TABLE}_company_id"), ["company_id"],
                              unique=False)


def downgrade() -> None:
    with op.batch_alter_table(TABLE) as batch_op:
        batch_op.drop_index(batch_op.f(f"ix_{TABLE}_company_id"))
    op.drop_table(TABLE)
