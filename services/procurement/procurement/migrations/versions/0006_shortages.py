"""PRC-6: shortages chased until delivered or cancelled

Revision ID: 0006_shortages
Revises: 0005_master_data
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from servicekit.tables import UtcDateTime

revision: str = "0006_shortages"
down_revision: str | Sequence[str] | None = "0005_master_data"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TABLE = "procurement_shortage"
INDEXED = ("po_no", "company_id", "order_no", "owner", "status")


def upgrade() -> None:
    op.create_table(
        TABLE,
        sa.Column("shortage_no", sa.String(length=64), nullable=False),
        sa.Column("po_no", sa.String(length=64), nullable=False),
        sa.Column("company_id", sa.String(length=32), nullable=False),
        sa.Column("order_no", sa.String(length=64), nullable=False),
        sa.Column("material_code", sa.String(length=64), nullable=False),
        sa.Column("supplier_code", sa.String(length=64), nullable=False),
        sa.Column("lot_no", sa.String(length=64), nullable=False),
        sa.Column("missing_quantity", sa.Numeric(15, 3), nullable=False),
        sa.Column("owner", sa.String(length=64), nullable=False),
        sa.Column("opened_at", UtcDateTime(), nullable=False),
        sa.Column("follow_up_on", sa.Date(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("chases", sa.Integer(), nullable=False),
        sa.Column("last_note", sa.String(length=500), nullable=False),
        sa.Column("chased_at", UtcDateTime(), nullable=True),
        sa.Column("delivered_lot_no", sa.String(length=64), nullable=True),
        sa.Column("cancel_reason", sa.String(length=500), nullable=False),
        sa.Column("closed_at", UtcDateTime(), nullable=True),
        sa.Column("closed_by", sa.String(length=64), nullable=True),
        sa.ForeignKeyConstraint(
            ["po_no"], ["procurement_purchase_order.po_no"],
            name=op.f("fk_procurement_shortage_po_no_procurement_purchase_order"),
        ),
        sa.PrimaryKeyConstraint("shortage_no", name=op.f("pk_procurement_shortage")),
    )
    with op.batch_alter_table(TABLE) as batch_op:
        for column in INDEXED:
            batch_op.create_index(batch_op.f(f"ix_{TABLE}_{column}"), [column], unique=False)


def downgrade() -> None:
    with op.batch_alter_table(TABLE) as batch_op:
        for column in INDEXED:
            batch_op.drop_index(batch_op.f(f"ix_{TABLE}_{column}"))
    op.drop_table(TABLE)
