"""AFS-4: replacement shipments after-sales asked for

Revision ID: 0002_replacements
Revises: 0001
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from servicekit.tables import UtcDateTime

revision: str = "0002_replacements"
down_revision: str | Sequence[str] | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "logistics_replacement_shipment",
        sa.Column("shipment_no", sa.String(length=64), nullable=False),
        sa.Column("request_no", sa.String(length=64), nullable=False),
        sa.Column("order_no", sa.String(length=64), nullable=False),
        sa.Column("company_id", sa.String(length=32), nullable=False),
        sa.Column("customer_code", sa.String(length=64), nullable=False),
        sa.Column("remedy", sa.String(length=16), nullable=False),
        sa.Column("lines", sa.JSON(), nullable=False),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("planned_at", UtcDateTime(), nullable=False),
        sa.Column("carrier", sa.String(length=100), nullable=True),
        sa.Column("vehicle_no", sa.String(length=32), nullable=True),
        sa.Column("dispatched_at", UtcDateTime(), nullable=True),
        sa.Column("dispatched_by", sa.String(length=64), nullable=True),
        sa.PrimaryKeyConstraint("shipment_no"),
        sa.UniqueConstraint("request_no"),
    )
    op.create_index("ix_logistics_replacement_shipment_order_no",
                    "logistics_replacement_shipment", ["order_no"])
    op.create_index("ix_logistics_replacement_shipment_company_id",
                    "logistics_replacement_shipment", ["company_id"])


def downgrade() -> None:
    op.drop_table("logistics_replacement_shipment")
