"""Aftersales's tables (the runtime adds outbox, inbox and deadline)."""

from sqlalchemy import JSON, Boolean, Column, Date, Integer, String, Table, Text

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

# AFS-4: a request's remedy and what it is linked to (migration 0002_remedies)
remedies = Table(
    "aftersales_remedy", metadata,
    Column("request_no", String(64), primary_key=True),
    Column("order_no", String(64), nullable=False, index=True),
    Column("company_id", String(32), nullable=False, index=True),
    Column("customer_code", String(64), nullable=False),
    Column("kind", String(16), nullable=False),
    Column("notes", Text, nullable=False),
    Column("lines", JSON, nullable=False),
    Column("quality_feedback", Boolean, nullable=False),
    Column("planned_at", UtcDateTime(), nullable=False),
    Column("planned_by", String(64), nullable=False),
    Column("ncr_no", String(64), nullable=True),
    Column("replacement_shipment_no", String(64), nullable=True),
)

# AFS-5: satisfaction surveys (migration 0003_surveys)
surveys = Table(
    "aftersales_survey", metadata,
    Column("survey_no", String(64), primary_key=True),
    Column("company_id", String(32), nullable=False, index=True),
    Column("order_no", String(64), nullable=False, index=True),
    Column("request_no", String(64), nullable=True),
    Column("customer_code", String(64), nullable=False),
    Column("status", String(12), nullable=False),
    Column("sent_at", UtcDateTime(), nullable=False, index=True),
    Column("sent_by", String(64), nullable=False),
    Column("quality", Integer, nullable=True),
    Column("delivery", Integer, nullable=True),
    Column("service", Integer, nullable=True),
    Column("comment", Text, nullable=True),
    Column("answered_at", UtcDateTime(), nullable=True),
    Column("recorded_by", String(64), nullable=True),
)

# AFS-3: installation and commissioning (migration 0004_installations)
installations = Table(
    "aftersales_installation", metadata,
    Column("installation_no", String(64), primary_key=True),
    Column("order_no", String(64), nullable=False, unique=True),
    Column("company_id", String(32), nullable=False, index=True),
    Column("customer_code", String(64), nullable=False),
    Column("site", String(300), nullable=False),
    Column("scheduled_on", Date, nullable=False),
    Column("scheduled_at", UtcDateTime(), nullable=False),
    Column("status", String(16), nullable=False),
    Column("done_at", UtcDateTime()),
    Column("done_by", String(64)),
    Column("report", Text, nullable=False),
    Column("signed_off_by", String(100)),
    Column("signed_off_at", UtcDateTime()),
    Column("recorded_by", String(64)),
)
