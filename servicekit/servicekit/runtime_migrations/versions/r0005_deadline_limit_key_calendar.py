"""deadline limit key and calendar: a limit is found by its catalogue key, not its rule id
(LOG-1's two kinds share one); a due time counted over a year without the official holiday
schedule is marked "estimated" (X-1)

Revision ID: r0005
Revises: r0004
Create Date: 2026-12-03 10:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "r0005"
down_revision: str | Sequence[str] | None = "r0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("deadline", schema=None) as batch_op:
        batch_op.add_column(sa.Column("limit_key", sa.String(length=80), nullable=True))
        batch_op.add_column(sa.Column("calendar", sa.String(length=10), nullable=False,
                                      server_default="official"))
    _backfill_limit_keys()
    with op.batch_alter_table("deadline", schema=None) as batch_op:
        batch_op.alter_column("limit_key", existing_type=sa.String(length=80), nullable=False)
        batch_op.drop_constraint("uq_deadline_rule_subject", type_="unique")
        batch_op.create_unique_constraint("uq_deadline_limit_subject", ["limit_key", "subject"])


def _backfill_limit_keys() -> None:
    """Each existing row gets the key of the catalogue limit it was opened from: the one
    of its rule whose description its own begins with (``open`` appends the detail); a row
    no catalogue limit explains keeps its rule id as key (as a limit outside the catalogue)."""
    from servicekit.timelimits import X1_TIME_LIMITS

    deadline = sa.table("deadline", sa.column("rule_id", sa.String), sa.column("description",
                        sa.Text), sa.column("limit_key", sa.String))
    for key, limit in X1_TIME_LIMITS.items():
        op.execute(deadline.update().where(
            deadline.c.rule_id == limit.rule_id, deadline.c.limit_key.is_(None),
            sa.or_(deadline.c.description == limit.description,
                   deadline.c.description.startswith(limit.description + ": ", autoescape=True)),
        ).values(limit_key=key))
    op.execute(deadline.update().where(deadline.c.limit_key.is_(None))
               .values(limit_key=deadline.c.rule_id))


def downgrade() -> None:
    with op.batch_alter_table("deadline", schema=None) as batch_op:
        batch_op.drop_constraint("uq_deadline_limit_subject", type_="unique")
        batch_op.create_unique_constraint("uq_deadline_rule_subject", ["rule_id", "subject"])
        batch_op.drop_column("calendar")
        batch_op.drop_column("limit_key")
