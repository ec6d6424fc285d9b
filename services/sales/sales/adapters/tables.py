"""Sales' tables (the runtime adds outbox, inbox and deadline)."""

from servicekit.tables import UtcDateTime, service_metadata
from sqlalchemy import Column, Date, ForeignKey, Integer, Numeric, String, Table

metadata = service_metadata()

orders = Table(
    "sales_order", metadata,
    Column("order_no", String(64), primary_key=True),
    Column("company_id", String(32), nullable=False, index=True),
    Column("customer_code", String(64), nullable=False),
    Column("customer_grade", String(1), nullable=False),
    Column("status", String(20), nullable=False),
    Column("received_at", UtcDateTime(), nullable=False),
)

order_lines = Table(
    "sales_order_line", metadata,
    Column("order_no", String(64), ForeignKey("sales_order.order_no"), primary_key=True),
    Column("line_no", Integer, primary_key=True),
    Column("product_code", String(64), nullable=False),
    Column("spec", String(200), nullable=False),
    Column("quantity", Numeric(15, 3), nullable=False),
    Column("requested_date", Date, nullable=False),
)

order_sequence = Table(
    "sales_order_sequence", metadata,
    Column("company_id", String(32), primary_key=True),
    Column("last_value", Integer, nullable=False),
)
