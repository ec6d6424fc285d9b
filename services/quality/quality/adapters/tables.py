"""Quality's tables (the runtime adds outbox, inbox and deadline)."""

from sqlalchemy import JSON, Column, Integer, Numeric, String, Table, Text

from servicekit.tables import UtcDateTime, service_metadata

metadata = service_metadata()

lots = Table(
    "quality_lot", metadata,
    Column("lot_no", String(64), primary_key=True),
    Column("company_id", String(32), nullable=False, index=True),
    Column("po_no", String(64), nullable=False),
    Column("order_no", String(64), nullable=False, index=True),
    Column("material_code", String(64), nullable=False),
    Column("supplier_code", String(64), nullable=False, index=True),
    Column("quantity", Numeric(15, 3), nullable=False),
    Column("delivery_note_quantity", Numeric(15, 3), nullable=False),
    Column("replacement_for", String(64), nullable=True),
    Column("received_at", UtcDateTime(), nullable=False),
    Column("status", String(12), nullable=False),
    Column("sample_size", Integer, nullable=True),
    Column("defects", Integer, nullable=True),
    Column("pass_rate", Numeric(6, 4), nullable=True),
    Column("serious_defects", JSON, nullable=False),
    Column("reasons", JSON, nullable=False),
    Column("notes", Text, nullable=False),
    Column("inspected_at", UtcDateTime(), nullable=True),
    Column("inspected_by", String(64), nullable=True),
)

final_inspections = Table(
    "quality_final_inspection", metadata,
    Column("inspection_no", String(64), primary_key=True),
    Column("company_id", String(32), nullable=False, index=True),
    Column("order_no", String(64), nullable=False, index=True),
    Column("plan_no", String(64), nullable=False),
    Column("lines", JSON, nullable=False),
    Column("created_at", UtcDateTime(), nullable=False),
    Column("status", String(12), nullable=False),
    Column("findings", Text, nullable=False),
    Column("inspected_by", String(64), nullable=True),
    Column("inspected_at", UtcDateTime(), nullable=True),
)

nonconformances = Table(
    "quality_nonconformance", metadata,
    Column("ncr_no", String(64), primary_key=True),
    Column("company_id", String(32), nullable=False, index=True),
    Column("source", String(12), nullable=False),
    Column("source_no", String(64), nullable=False, index=True),
    Column("order_no", String(64), nullable=False, index=True),
    Column("cause", Text, nullable=False),
    Column("disposition", String(12), nullable=False),
    Column("status", String(12), nullable=False),
    Column("opened_at", UtcDateTime(), nullable=False),
    Column("opened_by", String(64), nullable=False),
    Column("closed_at", UtcDateTime(), nullable=True),
)
