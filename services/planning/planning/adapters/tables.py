"""Planning's tables (the runtime adds outbox, inbox and deadline)."""

from servicekit.tables import UtcDateTime, service_metadata
from sqlalchemy import Column, Date, ForeignKey, Integer, Numeric, String, Table

metadata = service_metadata()

demands = Table(
    "planning_demand", metadata,
    Column("order_no", String(64), primary_key=True),
    Column("company_id", String(32), nullable=False, index=True),
    Column("customer_grade", String(1), nullable=False),
    Column("recorded_at", UtcDateTime(), nullable=False),
)

demand_lines = Table(
    "planning_demand_line", metadata,
    Column("order_no", String(64), ForeignKey("planning_demand.order_no"), primary_key=True),
    Column("line_no", Integer, primary_key=True),
    Column("product_code", String(64), nullable=False),
    Column("quantity", Numeric(15, 3), nullable=False),
    Column("requested_date", Date, nullable=False),
)
