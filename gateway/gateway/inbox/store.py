"""Inbox items in the gateway's own database (beside the user directory).

One row per (person, deadline, rung): who received which escalation when, and when and
by whom it was acknowledged (X-2). Recording is idempotent: a redelivered breach event
adds nothing.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

import sqlalchemy as sa
from pydantic import BaseModel, Field

from gateway.core.database import create_tables, open_engine

metadata = sa.MetaData()
items = sa.Table(
    "inbox_item", metadata,
    sa.Column("id", sa.String(36), primary_key=True),
    sa.Column("username", sa.String(64), nullable=False, index=True),
    sa.Column("kind", sa.String(20), nullable=False),  # escalation
    sa.Column("source_id", sa.String(64), nullable=False),  # the deadline's id
    sa.Column("rung", sa.String(32), nullable=False),
    sa.Column("level", sa.Integer, nullable=False),
    sa.Column("rule_id", sa.String(20), nullable=False),
    sa.Column("department", sa.String(32), nullable=False),
    sa.Column("tracked_by", sa.String(32), nullable=True),  # the service (NULL: older rows)
    sa.Column("company_id", sa.String(32), nullable=False),
    sa.Column("order_no", sa.String(64), nullable=True),
    sa.Column("subject", sa.String(120), nullable=False),
    sa.Column("description", sa.Text, nullable=False),
    sa.Column("due_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("received_at", sa.DateTime(timezone=True), nullable=False, index=True),
    sa.Column("acknowledged_at", sa.DateTime(timezone=True), nullable=True),
    sa.UniqueConstraint("username", "source_id", "rung", name="uq_inbox_item_person_rung"),
)


class InboxItem(BaseModel):
    """Something waiting for a person: here, a breached time limit escalated to them."""

    id: str
    username: str = Field(description="the person it is addressed to")
    kind: str = Field(description="escalation")
    source_id: str = Field(description="the deadline's id")
    rung: str = Field(description="X-2 rung it reached them at")
    level: int
    rule_id: str
    department: str = Field(description="the department holding the late step")
    tracked_by: str | None = Field(
        default=None, description="the service tracking the limit (AFS-1: after-sales tracks "
                                  "sales' forwarding); None on items kept before it was")
    company_id: str
    order_no: str | None = None
    subject: str
    description: str
    due_at: datetime
    received_at: datetime
    acknowledged_at: datetime | None = None


def _aware(value: datetime | None) -> datetime | None:
    return value.replace(tzinfo=UTC) if value is not None and value.tzinfo is None else value


def _item(row) -> InboxItem:
    data = dict(row._mapping)
    for key in ("due_at", "received_at", "acknowledged_at"):
        data[key] = _aware(data[key])
    return InboxItem(**data)


class InboxStore:
    def __init__(self, url: str):
        self._engine = open_engine(url)
        create_tables(metadata, self._engine)
        self._add_tracked_by()

    def _add_tracked_by(self) -> None:
        """An inbox kept from before tracked_by existed gains the column (its rows: NULL)."""
        if "tracked_by" in {c["name"] for c in sa.inspect(self._engine).get_columns(items.name)}:
            return
        with self._engine.begin() as conn:
            conn.execute(sa.text(f"ALTER TABLE {items.name} ADD COLUMN tracked_by VARCHAR(32)"))

    def close(self) -> None:
        self._engine.dispose()

    def deliver(self, usernames: list[str], **fields) -> list[InboxItem]:
        """Address one escalation to these people; the items that are new (a repeat of
        the same deadline and rung for the same person is not)."""
        received_at = datetime.now(UTC)
        new = []
        with self._engine.begin() as conn:
            for username in usernames:
                exists = conn.execute(sa.select(items.c.id).where(
                    items.c.username == username, items.c.source_id == fields["source_id"],
                    items.c.rung == fields["rung"])).first()
                if exists:
                    continue
                item = InboxItem(id=str(uuid.uuid4()), username=username,
                                 received_at=received_at, **fields)
                conn.execute(items.insert().values(**item.model_dump()))
                new.append(item)
        return new

    def of(self, username: str, *, pending_only: bool = False, limit: int = 100
           ) -> list[InboxItem]:
        """A person's items, newest first."""
        query = sa.select(items).where(items.c.username == username)
        if pending_only:
            query = query.where(items.c.acknowledged_at.is_(None))
        with self._engine.connect() as conn:
            rows = conn.execute(query.order_by(items.c.received_at.desc(), items.c.id)
                                .limit(limit)).all()
        return [_item(row) for row in rows]

    def item(self, username: str, item_id: str) -> InboxItem | None:
        """One of the person's own items (None: no such item, or someone else's)."""
        with self._engine.connect() as conn:
            row = conn.execute(sa.select(items).where(
                items.c.id == item_id, items.c.username == username)).first()
        return _item(row) if row else None

    def acknowledge(self, username: str, item_id: str) -> InboxItem | None:
        """Mark the person's own item acknowledged (once: the first time stays)."""
        with self._engine.begin() as conn:
            conn.execute(items.update().where(
                items.c.id == item_id, items.c.username == username,
                items.c.acknowledged_at.is_(None)).values(acknowledged_at=datetime.now(UTC)))
            row = conn.execute(sa.select(items).where(
                items.c.id == item_id, items.c.username == username)).first()
        return _item(row) if row else None

    def overdue(self, *, companies: list[str] | None, departments: list[str] | None,
                limit: int = 100) -> list[InboxItem]:
        """Escalations of these companies and departments (None: all), newest first, one
        per deadline (its highest rung): the overdue list a leader or GM reads."""
        query = sa.select(items)
        if companies is not None:
            query = query.where(items.c.company_id.in_(companies))
        if departments is not None:
            query = query.where(items.c.department.in_(departments))
        with self._engine.connect() as conn:
            rows = conn.execute(query.order_by(items.c.received_at.desc(),
                                               items.c.level.desc())).all()
        seen, found = set(), []
        for row in rows:
            if row.source_id not in seen:
                seen.add(row.source_id)
                found.append(_item(row))
        return found[:limit]
