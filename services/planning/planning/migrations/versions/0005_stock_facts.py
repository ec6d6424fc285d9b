"""stock facts: planning's copy of procurement's stock levels (PLN-2, CO-2)

Revision ID: 0005
Revises: 0004_master_data
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from servicekit.tables import UtcDateTime

revision: str = "0005"
down_revision: str | Sequence[str] | None = "0004_master_data"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "planning_stock_fact",
        sa.Column("company_id", sa.String(length=32), nullable=False),
        sa.Column("material_code", sa.String(length=64), nullable=False),
        sa.Column("on_hand", sa.Numeric(15, 3), nullable=False),
        sa.Column("available", sa.Numeric(15, 3), nullable=False),
        sa.Column("as_of", UtcDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("company_id", "material_code",
                                name=op.f("pk_planning_stock_fact")),
    )


def downgrade() -> None:
    op.drop_table("planning_stock_fact")
