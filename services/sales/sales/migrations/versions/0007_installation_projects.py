"""AFS-3: an order's installation project (terms and the customer's site readiness)

Revision ID: 0007_installation_projects
Revises: 0006
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from servicekit.tables import UtcDateTime

revision: str = "0007_installation_projects"
down_revision: str | Sequence[str] | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TABLE = "sales_installation_project"


def upgrade() -> None:
    op.create_table(
        TABLE,
        sa.Column("order_no", sa.String(length=64), nullable=False),
        sa.Column("company_id", sa.String(length=32), nullable=False),
        sa.Column("customer_code", sa.String(length=64), nullable=False),
        sa.Column("site", sa.String(length=300), nullable=False),
        sa.Column("terms_by", sa.String(length=64), nullable=False),
        sa.Column("terms_at", UtcDateTime(), nullable=False),
        sa.Column("ready_on", sa.Date(), nullable=True),
        sa.Column("readiness_by", sa.String(length=64), nullable=True),
        sa.Column("readiness_at", UtcDateTime(), nullable=True),
        sa.Column("readiness_note", sa.String(length=500), nullable=False),
        sa.PrimaryKeyConstraint("order_no", name=op.f("pk_sales_installation_project")),
    )
    with op.batch_alter_table(TABLE) as batch_op:
        batch_op.create_index(batch_op.f(f"ix_{TABLE}_company_id"), ["company_id"],
                              unique=False)


def downgrade() -> None:
    with op.batch_alter_table(TABLE) as batch_op:
        batch_op.drop_index(batch_op.f(f"ix_{TABLE}_company_id"))
    op.drop_table(TABLE)
