"""The runtime's own tables, added to every service's metadata.

They live in the service's database so that state changes, the events they
cause (outbox), the events they consumed (inbox) and the time limits they
opened (deadline) and the business numbers they drew (business_number) commit
in one transaction.
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import (
    JSON,
    Column,
    DateTime,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    TypeDecorator,
    UniqueConstraint,
)


class UtcDateTime(TypeDecorator):
    """Timezone-aware datetimes on every backend.

    PostgreSQL keeps the zone; SQLite does not, so values are normalised to UTC
    on the way in and marked UTC on the way out. Naive datetimes are refused:
    a time without a zone is a bug waiting for a deadline to be wrong.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError(f"naive datetime {value!r}: times must be timezone-aware")
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect):
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


# Named constraints, so later migrations can alter them on every backend
# (SQLite batch mode cannot drop what has no name).
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def service_metadata() -> MetaData:
    """A service's metadata: start every tables.py with `metadata = service_metadata()`."""
    return MetaData(naming_convention=NAMING_CONVENTION)


def add_runtime_tables(metadata: MetaData) -> dict[str, Table]:
    outbox = Table(
        "outbox", metadata,
        Column("id", Integer, primary_key=True, autoincrement=True),
        Column("event_id", String(36), nullable=False, unique=True),
        Column("event_type", String(80), nullable=False),
        Column("order_no", String(64)),
        Column("body", Text, nullable=False),          # the envelope as JSON
        Column("headers", JSON, nullable=False),       # trace context of the cause
        Column("created_at", UtcDateTime(), nullable=False, index=True),
        Column("published_at", UtcDateTime(), index=True),
        Column("attempts", Integer, nullable=False, default=0),
        Column("last_error", Text),
    )
    inbox = Table(
        "inbox", metadata,
        Column("id", Integer, primary_key=True, autoincrement=True),
        Column("event_id", String(36), nullable=False),
        Column("handler", String(120), nullable=False),
        Column("event_type", String(80), nullable=False),
        Column("handled_at", UtcDateTime(), nullable=False),
        UniqueConstraint("event_id", "handler", name="uq_inbox_event_handler"),
    )
    deadline = Table(
        "deadline", metadata,
        Column("id", String(36), primary_key=True),
        Column("rule_id", String(20), nullable=False),
        Column("subject", String(120), nullable=False),   # e.g. "order SO-1-000001"
        Column("description", Text, nullable=False),
        Column("company_id", String(32), nullable=False),
        Column("order_no", String(64), index=True),
        Column("opened_at", UtcDateTime(), nullable=False),
        Column("due_at", UtcDateTime(), nullable=False, index=True),
        Column("status", String(12), nullable=False, index=True),  # open|met|breached
        Column("met_at", UtcDateTime()),
        Column("breached_at", UtcDateTime()),
        Column("escalation_level", Integer, nullable=False, default=0),
        Column("next_escalation_at", UtcDateTime()),
        # the person the breach reached acknowledged it; it climbs no further
        Column("acknowledged_at", UtcDateTime()),
        Column("acknowledged_by", String(100)),
        # the catalogue key it is found by (X1_TIME_LIMITS: two limits may share a rule id)
        Column("limit_key", String(80), nullable=False),
        # "estimated": its due time was counted over a year without the official calendar
        Column("calendar", String(10), nullable=False, server_default="official"),
        UniqueConstraint("limit_key", "subject", name="uq_deadline_limit_subject"),
    )
    # Per-company counters of business numbers, e.g. kind "PO" -> PO-P1-000001.
    business_number = Table(
        "business_number", metadata,
        Column("kind", String(16), primary_key=True),
        Column("company_id", String(32), primary_key=True),
        Column("last_value", Integer, nullable=False),
    )
    # The command inbox: each command id's reply, written in the transaction of its
    # effects, so a repeated command (a retry, a redelivered request) is answered from
    # here and never runs twice.
    command = Table(
        "command", metadata,
        Column("id", Integer, primary_key=True, autoincrement=True),
        Column("command_id", String(200), nullable=False),
        Column("method", String(120), nullable=False),
        Column("fingerprint", String(64), nullable=False),
        Column("reply", JSON),
        Column("handled_at", UtcDateTime(), nullable=False, index=True),
        UniqueConstraint("command_id", "method", name="uq_command_id_method"),
    )
    # Every change to the service's master data (issue 17): who, when, what before and
    # after, in the transaction of the change (servicekit.masterdata).
    master_data_change = Table(
        "master_data_change", metadata,
        Column("id", Integer, primary_key=True, autoincrement=True),
        Column("kind", String(40), nullable=False),
        Column("record_key", String(200), nullable=False),
        Column("company_id", String(32)),
        Column("action", String(20), nullable=False),
        Column("actor", String(100), nullable=False),
        Column("at", UtcDateTime(), nullable=False),
        Column("before", JSON),
        Column("after", JSON),
        Index("ix_master_data_change_kind_key", "kind", "record_key"),
    )
    return {"outbox": outbox, "inbox": inbox, "deadline": deadline,
            "business_number": business_number, "command": command,
            "master_data_change": master_data_change}


_runtime_tables_by_metadata: dict[int, dict] = {}


def runtime_tables(metadata: MetaData) -> dict:
    """The runtime tables of a service's metadata, added once."""
    key = id(metadata)
    if key not in _runtime_tables_by_metadata:
        _runtime_tables_by_metadata[key] = add_runtime_tables(metadata)
    return _runtime_tables_by_metadata[key]
