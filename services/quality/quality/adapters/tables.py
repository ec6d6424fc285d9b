"""Quality's tables (the runtime adds outbox, inbox and deadline)."""

from sqlalchemy import JSON, Column, Integer, Numeric, String, Table, Text

from servicekit.change_parts import change_part_table
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
    # QLT-4 worked through the gateway (migration 0003)
    Column("owner", String(64), nullable=True),
    Column("price_reduction_percent", Numeric(5, 2), nullable=True),
    Column("product_code", String(64), nullable=True),
    Column("quantity", Numeric(15, 3), nullable=True),
    Column("disposed_at", UtcDateTime(), nullable=True),
    Column("disposed_by", String(64), nullable=True),
    Column("closed_by", String(64), nullable=True),
    Column("evidence", Text, nullable=True),
    Column("complaints", JSON, nullable=True),
)

findings = Table(
    "quality_finding", metadata,
    Column("finding_no", String(64), primary_key=True),
    Column("company_id", String(32), nullable=False, index=True),
    Column("order_no", String(64), nullable=False, index=True),
    Column("kind", String(24), nullable=False),
    Column("description", Text, nullable=False),
    Column("product_code", String(64), nullable=True),
    Column("quantity", Numeric(15, 3), nullable=True),
    Column("found_at", UtcDateTime(), nullable=False, index=True),
    Column("found_by", String(64), nullable=False),
    Column("ncr_no", String(64), nullable=False),
    Column("status", String(12), nullable=False),
    Column("reacted_at", UtcDateTime(), nullable=True),
    Column("reacted_by", String(64), nullable=True),
    Column("action", Text, nullable=True),
    Column("resolved_at", UtcDateTime(), nullable=True),
    Column("resolved_by", String(64), nullable=True),
    Column("resolution", Text, nullable=True),
)

# -- its part of each customer change notice (SAL-8, servicekit.change_parts) -----------
change_part = change_part_table(metadata, "quality")

# the inspection criteria a customer change set for an order (SAL-8)
order_criteria = Table(
    "quality_order_criteria", metadata,
    Column("order_no", String(64), primary_key=True),
    Column("company_id", String(32), nullable=False),
    Column("technical_requirement", Text, nullable=False),
    Column("quality_requirement", Text, nullable=False),
    Column("revision", Integer, nullable=False),
    Column("change_no", String(64), nullable=False),
    Column("updated_at", UtcDateTime(), nullable=False),
)

# QLT-2: inspection tasks planned from the plan (migration 0004)
inspection_tasks = Table(
    "quality_inspection_task", metadata,
    Column("task_no", String(64), primary_key=True),
    Column("company_id", String(32), nullable=False, index=True),
    Column("order_no", String(64), nullable=False, index=True),
    Column("plan_no", String(64), nullable=False),
    Column("point", String(12), nullable=False),
    Column("planned_at", UtcDateTime(), nullable=False, index=True),
    Column("planned_minutes", Integer, nullable=False),
    Column("work_order_no", String(64), nullable=True),
    Column("product_code", String(64), nullable=True),
    Column("quantity", Numeric(15, 3), nullable=True),
    Column("inspector", String(64), nullable=True),
    Column("assigned_by", String(64), nullable=True),
    Column("status", String(12), nullable=False),
    Column("done_at", UtcDateTime(), nullable=True),
    Column("done_by", String(64), nullable=True),
)
