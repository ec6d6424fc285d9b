"""CO-1: parts a sister company makes, and co-production instructions

Revision ID: 0011_co_production
Revises: 0010_process_control
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from servicekit.tables import UtcDateTime

revision: str = "0011_co_production"
down_revision: str | Sequence[str] | None = "0010_process_control"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "planning_co_produced_part",
        sa.Column("material_code", sa.String(length=64), nullable=False),
        sa.Column("maker_company_id", sa.String(length=32), nullable=False),
        sa.Column("lead_days", sa.Integer(), nullable=False),
        sa.Column("unit_price", sa.Numeric(15, 2), nullable=False),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("drawings", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("material_code"),
    )
    op.create_table(
        "planning_co_production",
        sa.Column("instruction_no", sa.String(length=64), nullable=False),
        sa.Column("requester_company_id", sa.String(length=32), nullable=False),
        sa.Column("requester_order_no", sa.String(length=64), nullable=False),
        sa.Column("request_no", sa.String(length=64), nullable=False),
        sa.Column("maker_company_id", sa.String(length=32), nullable=False),
        sa.Column("material_code", sa.String(length=64), nullable=False),
        sa.Column("quantity", sa.Numeric(15, 3), nullable=False),
        sa.Column("needed_by", sa.Date(), nullable=False),
        sa.Column("unit_price", sa.Numeric(15, 2), nullable=False),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("delivery_place", sa.String(length=200), nullable=False),
        sa.Column("issued_at", UtcDateTime(), nullable=False),
        sa.Column("drawings", sa.Text(), nullable=False),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("delivered_at", UtcDateTime(), nullable=True),
        sa.Column("shipment_no", sa.String(length=64), nullable=True),
        sa.Column("received_by", sa.String(length=200), nullable=True),
        sa.PrimaryKeyConstraint("instruction_no"),
    )
    for column in ("requester_company_id", "requester_order_no", "maker_company_id"):
        op.create_index(f"ix_planning_co_production_{column}", "planning_co_production",
                        [column])


def downgrade() -> None:
    op.drop_table("planning_co_production")
    op.drop_table("planning_co_produced_part")
