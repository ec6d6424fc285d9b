"""customer master and dated price list

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-01 23:51:37.556672
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | Sequence[str] | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("sales_customer", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("payment_terms", sa.String(length=200), server_default="", nullable=False)
        )
        batch_op.add_column(
            sa.Column("contacts", sa.String(length=300), server_default="", nullable=False)
        )
        batch_op.add_column(
            sa.Column("retired", sa.Boolean(), server_default=sa.false(), nullable=False)
        )

    with op.batch_alter_table("sales_price", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("effective_from", sa.Date(), server_default="2000-01-01", nullable=False)
        )
        # the prices already kept apply since always; a version is one more key part
        batch_op.drop_constraint("pk_sales_price", type_="primary")
        batch_op.create_primary_key(
            "pk_sales_price", ["company_id", "product_code", "effective_from"]
        )


def downgrade() -> None:
    with op.batch_alter_table("sales_price", schema=None) as batch_op:
        batch_op.drop_constraint("pk_sales_price", type_="primary")
        batch_op.drop_column("effective_from")
        batch_op.create_primary_key("pk_sales_price", ["company_id", "product_code"])

    with op.batch_alter_table("sales_customer", schema=None) as batch_op:
        batch_op.drop_column("retired")
        batch_op.drop_column("contacts")
        batch_op.drop_column("payment_terms")
