"""PRC-3: transfers between the group's companies are documents; PRC-1: partial cover

Revision ID: 0007_transfers
Revises: 0006_shortages
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from servicekit.tables import UtcDateTime

revision: str = "0007_transfers"
down_revision: str | Sequence[str] | None = "0006_shortages"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TABLE = "procurement_transfer"
INDEXED = ("request_no", "order_no", "from_company", "to_company", "status")
REQUESTS = "procurement_material_request"


def upgrade() -> None:
    op.create_table(
        TABLE,
        sa.Column("transfer_no", sa.String(length=64), nullable=False),
        sa.Column("request_no", sa.String(length=64), nullable=False),
        sa.Column("order_no", sa.String(length=64), nullable=False),
        sa.Column("material_code", sa.String(length=64), nullable=False),
        sa.Column("quantity", sa.Numeric(15, 3), nullable=False),
        sa.Column("from_company", sa.String(length=32), nullable=False),
        sa.Column("to_company", sa.String(length=32), nullable=False),
        sa.Column("requested_at", UtcDateTime(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("shipped_at", UtcDateTime(), nullable=True),
        sa.Column("shipped_by", sa.String(length=64), nullable=True),
        sa.Column("carrier", sa.String(length=100), nullable=False),
        sa.Column("ship_note", sa.String(length=500), nullable=False),
        sa.Column("received_at", UtcDateTime(), nullable=True),
        sa.Column("received_by", sa.String(length=64), nullable=True),
        sa.Column("inspection_note", sa.String(length=500), nullable=False),
        sa.PrimaryKeyConstraint("transfer_no", name=op.f("pk_procurement_transfer")),
    )
    with op.batch_alter_table(TABLE) as batch_op:
        for column in INDEXED:
            batch_op.create_index(batch_op.f(f"ix_{TABLE}_{column}"), [column], unique=False)
    with op.batch_alter_table(REQUESTS) as batch_op:
        batch_op.add_column(sa.Column("own_quantity", sa.Numeric(15, 3), nullable=False,
                                      server_default="0"))
    # before partial cover, a request covered from its own store reserved all of it
    op.execute(f"UPDATE {REQUESTS} SET own_quantity = quantity WHERE source = 'stock'")


def downgrade() -> None:
    with op.batch_alter_table(REQUESTS) as batch_op:
        batch_op.drop_column("own_quantity")
    with op.batch_alter_table(TABLE) as batch_op:
        for column in INDEXED:
            batch_op.drop_index(batch_op.f(f"ix_{TABLE}_{column}"))
    op.drop_table(TABLE)
