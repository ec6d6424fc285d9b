"""list_orders' keyset pages seek an index, newest first (issue 16)

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-01 23:55:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0004"
down_revision: str | Sequence[str] | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index("ix_sales_order_newest", "sales_order", ["received_at", "order_no"])


def downgrade() -> None:
    op.drop_index("ix_sales_order_newest", table_name="sales_order")
