"""Sales' tables (the runtime adds outbox, inbox and deadline)."""

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    Date,
    ForeignKey,
    Integer,
    Numeric,
    String,
    Table,
    Text,
)

from servicekit.tables import UtcDateTime, service_metadata

metadata = service_metadata()

# -- reference data (demo/group.json `sales`) -------------------------------------------
customers = Table(
    "sales_customer", metadata,
    Column("company_id", String(32), primary_key=True),
    Column("customer_code", String(64), primary_key=True),
    Column("name", String(200), nullable=False),
    Column("grade", String(1), nullable=False),
    Column("address", String(300), nullable=False, default=""),
)

price_list = Table(
    "sales_price", metadata,
    Column("company_id", String(32), primary_key=True),
    Column("product_code", String(64), primary_key=True),
    Column("unit_price", Numeric(14, 2), nullable=False),
    Column("currency", String(3), nullable=False),
)

settings = Table(
    "sales_setting", metadata,
    Column("key", String(64), primary_key=True),
    Column("value", String(200), nullable=False),
)

# -- orders ------------------------------------------------------------------------------
orders = Table(
    "sales_order", metadata,
    Column("order_no", String(64), primary_key=True),
    Column("company_id", String(32), nullable=False, index=True),
    Column("customer_code", String(64), nullable=False),
    Column("customer_name", String(200), nullable=False),
    Column("customer_grade", String(1), nullable=False),
    Column("kind", String(20), nullable=False),
    Column("non_regular_reasons", JSON, nullable=False),
    Column("repeat_of", String(64), nullable=True),
    Column("rush", Boolean, nullable=False),
    Column("complete_set", Boolean, nullable=False),
    Column("project_name", String(200), nullable=True),
    Column("delivery_address", String(300), nullable=False),
    Column("status", String(30), nullable=False, index=True),
    Column("status_note", Text, nullable=False),
    Column("received_at", UtcDateTime(), nullable=False),
    Column("received_by", String(100), nullable=False),
    # review (SAL-2/3): planning's answer
    Column("review", JSON, nullable=True),
    Column("design_review", JSON, nullable=True),
    Column("quotation_total", Numeric(16, 2), nullable=True),
    # contract (SAL-6)
    Column("contract_no", String(64), nullable=True, unique=True),
    Column("contract_total", Numeric(16, 2), nullable=True),
    Column("deposit_percent", Numeric(5, 2), nullable=True),
    Column("deposit_amount", Numeric(16, 2), nullable=True),
    Column("pay_in_full_before_shipment", Boolean, nullable=True),
    Column("signed_at", UtcDateTime(), nullable=True),
    Column("signed_by", String(100), nullable=True),
    Column("instruction_no", String(64), nullable=True, unique=True),
    Column("instructed_at", UtcDateTime(), nullable=True),
    Column("decline_reason", Text, nullable=True),
    Column("planned_completion", UtcDateTime(), nullable=True),
    Column("open_service_requests", Integer, nullable=False),
)

order_lines = Table(
    "sales_order_line", metadata,
    Column("order_no", String(64), ForeignKey("sales_order.order_no"), primary_key=True),
    Column("line_no", Integer, primary_key=True),
    Column("product_code", String(64), nullable=False),
    Column("spec", String(200), nullable=False),
    Column("quantity", Numeric(15, 3), nullable=False),
    Column("requested_date", Date, nullable=False),
    Column("confirmed_date", Date, nullable=True),
    Column("unit_price", Numeric(14, 2), nullable=True),
)

# Receivables (SAL-10): every payment against a contract.
payments = Table(
    "sales_payment", metadata,
    Column("order_no", String(64), ForeignKey("sales_order.order_no"), primary_key=True),
    Column("seq", Integer, primary_key=True),
    Column("amount", Numeric(16, 2), nullable=False),
    Column("reference", String(100), nullable=False),
    Column("received_at", UtcDateTime(), nullable=False),
    Column("recorded_by", String(100), nullable=False),
)

# The journey as sales saw it, and its ledger of shipments (LOG-6).
order_steps = Table(
    "sales_order_step", metadata,
    Column("order_no", String(64), ForeignKey("sales_order.order_no"), primary_key=True),
    Column("seq", Integer, primary_key=True),
    Column("stage", String(60), nullable=False),
    Column("state", String(20), nullable=False),
    Column("started_at", UtcDateTime(), nullable=False),
    Column("ended_at", UtcDateTime(), nullable=True),
    Column("actor", String(100), nullable=True),
    Column("summary", Text, nullable=False),
    Column("refs", JSON, nullable=False),
)
