"""Aftersales's tables (the runtime adds outbox, inbox and deadline)."""

from sqlalchemy import Boolean, Column, String, Table, Text

from servicekit.tables import UtcDateTime, service_metadata

metadata = service_metadata()

deliveries = Table(
    "aftersales_delivery", metadata,
    Column("shipment_no", String(64), primary_key=True),
    Column("order_no", String(64), nullable=False, index=True),
    Column("company_id", String(32), nullable=False, index=True),
    Column("customer_code", String(64), nullable=False),
    Column("delivered_at", UtcDateTime(), nullable=False),
    Column("damaged", Boolean, nullable=False),
)

requests = Table(
    "aftersales_request", metadata,
    Column("request_no", String(64), primary_key=True),
    Column("order_no", String(64), nullable=False, index=True),
    Column("company_id", String(32), nullable=False, index=True),
    Column("customer_code", String(64), nullable=False),
    Column("kind", String(20), nullable=False),
    Column("description", Text, nullable=False),
    Column("status", String(12), nullable=False, index=True),
    Column("recorded_at", UtcDateTime(), nullable=False),
    Column("recorded_by", String(64), nullable=False),
    Column("forwarded_at", UtcDateTime(), nullable=True),
    Column("forwarded_by", String(64), nullable=True),
    Column("contacted_at", UtcDateTime(), nullable=True),
    Column("contacted_by", String(64), nullable=True),
    Column("contact_notes", Text, nullable=True),
    Column("resolved_at", UtcDateTime(), nullable=True),
    Column("resolved_by", String(64), nullable=True),
    Column("remedy", Text, nullable=True),
)
