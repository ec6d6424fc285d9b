"""PRC-6: a lot accepted on concession keeps its NCR and reduced unit price

Revision ID: 0004_concessions
Revises: 0003
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004_concessions"
down_revision: str | Sequence[str] | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("procurement_lot") as batch:
        batch.add_column(sa.Column("concession_ncr_no", sa.String(length=64), nullable=True))
        batch.add_column(sa.Column("concession_unit_price", sa.Numeric(15, 2), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("procurement_lot") as batch:
        batch.drop_column("concession_unit_price")
        batch.drop_column("concession_ncr_no")
