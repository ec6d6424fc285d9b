"""product retired and supplier lead times

Revision ID: 0004_master_data
Revises: 0003_ncr_rework
Create Date: 2026-12-02 00:17:30.176278
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004_master_data"
down_revision: str | Sequence[str] | None = "0003_ncr_rework"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "planning_supplier_lead",
        sa.Column("supplier_code", sa.String(length=64), nullable=False),
        sa.Column("material_code", sa.String(length=64), nullable=False),
        sa.Column("lead_days", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint(
            "supplier_code", "material_code", name=op.f("pk_planning_supplier_lead")
        ),
    )
    with op.batch_alter_table("planning_product", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("retired", sa.Boolean(), server_default=sa.false(), nullable=False)
        )


def downgrade() -> None:
    with op.batch_alter_table("planning_product", schema=None) as batch_op:
        batch_op.drop_column("retired")

    op.drop_table("planning_supplier_lead")
