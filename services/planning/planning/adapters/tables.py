"""Planning's tables (the runtime adds outbox, inbox and deadline)."""

from sqlalchemy import (
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

# -- master data (demo.py seeds it from demo/group.json) ---------------------------------
products = Table(
    "planning_product", metadata,
    Column("product_code", String(64), primary_key=True),
    Column("company_id", String(32), nullable=False, index=True),
    Column("name", String(200), nullable=False),
    Column("complete_set", Boolean, nullable=False, default=False),
)

bom_lines = Table(
    "planning_bom_line", metadata,
    Column("product_code", String(64), ForeignKey("planning_product.product_code"),
           primary_key=True),
    Column("material_code", String(64), primary_key=True),
    Column("quantity", Numeric(15, 3), nullable=False),
)

routing_steps = Table(
    "planning_routing_step", metadata,
    Column("product_code", String(64), ForeignKey("planning_product.product_code"),
           primary_key=True),
    Column("step", Integer, primary_key=True),
    Column("work_centre", String(32), nullable=False),
    Column("minutes_per_unit", Integer, nullable=False),
)

work_centres = Table(
    "planning_work_centre", metadata,
    Column("code", String(32), primary_key=True),
    Column("company_id", String(32), nullable=False, index=True),
    Column("name", String(200), nullable=False),
    Column("shifts", String(200), nullable=False),  # "08:00-12:00,13:00-17:00"
    Column("parallel_units", Integer, nullable=False, default=1),
)

materials = Table(
    "planning_material", metadata,
    Column("material_code", String(64), primary_key=True),
    Column("lead_days", Integer, nullable=False),
)

settings = Table(
    "planning_setting", metadata,
    Column("key", String(64), primary_key=True),
    Column("value", String(200), nullable=False),
)

# -- demand --------------------------------------------------------------------------------
demands = Table(
    "planning_demand", metadata,
    Column("order_no", String(64), primary_key=True),
    Column("company_id", String(32), nullable=False, index=True),
    Column("customer_grade", String(1), nullable=False),
    Column("recorded_at", UtcDateTime(), nullable=False),
    Column("non_regular", Boolean, nullable=False, default=False),
    Column("complete_set", Boolean, nullable=False, default=False),
    Column("rush", Boolean, nullable=False, default=False),
    Column("status", String(20), nullable=False),
    Column("design_feasible", Boolean, nullable=True),
    Column("design_days", Integer, nullable=True),
    Column("design_notes", Text, nullable=True),
    Column("design_reviewed_by", String(64), nullable=True),
    Column("design_reviewed_at", UtcDateTime(), nullable=True),
    Column("declined_reason", Text, nullable=True),
    Column("declined_at", UtcDateTime(), nullable=True),
)

demand_lines = Table(
    "planning_demand_line", metadata,
    Column("order_no", String(64), ForeignKey("planning_demand.order_no"), primary_key=True),
    Column("line_no", Integer, primary_key=True),
    Column("product_code", String(64), nullable=False),
    Column("quantity", Numeric(15, 3), nullable=False),
    Column("requested_date", Date, nullable=False),
)

# -- plans ---------------------------------------------------------------------------------
plans = Table(
    "planning_plan", metadata,
    Column("plan_no", String(32), primary_key=True),
    Column("order_no", String(64), nullable=False, unique=True),
    Column("company_id", String(32), nullable=False, index=True),
    Column("instruction_no", String(64), nullable=False),
    Column("issued_at", UtcDateTime(), nullable=False),
    Column("created_at", UtcDateTime(), nullable=False),
    Column("planned_completion", UtcDateTime(), nullable=False),
    Column("complete_set", Boolean, nullable=False, default=False),
    Column("non_regular", Boolean, nullable=False, default=False),
    Column("status", String(20), nullable=False),
    Column("production_completed_at", UtcDateTime(), nullable=True),
    Column("rework_note", Text, nullable=True),
    Column("rework_at", UtcDateTime(), nullable=True),
    Column("rework_inspection_no", String(64), nullable=True),
    Column("inspection_no", String(64), nullable=True),
    Column("inspected_at", UtcDateTime(), nullable=True),
    Column("stock_entry_no", String(64), nullable=True),
    Column("stocked_at", UtcDateTime(), nullable=True),
)

work_orders = Table(
    "planning_work_order", metadata,
    Column("work_order_no", String(32), primary_key=True),
    Column("plan_no", String(32), ForeignKey("planning_plan.plan_no"), nullable=False,
           index=True),
    Column("order_no", String(64), nullable=False, index=True),
    Column("company_id", String(32), nullable=False, index=True),
    Column("line_no", Integer, nullable=False),
    Column("product_code", String(64), nullable=False),
    Column("quantity", Numeric(15, 3), nullable=False),
    Column("completed_quantity", Numeric(15, 3), nullable=False),
    Column("status", String(20), nullable=False, index=True),
    Column("planned_start", UtcDateTime(), nullable=False),
    Column("planned_finish", UtcDateTime(), nullable=False),
    Column("work_centre", String(32), nullable=False),
    Column("note", Text, nullable=True),
    Column("ready_at", UtcDateTime(), nullable=True),
    Column("released_at", UtcDateTime(), nullable=True),
    Column("released_by", String(64), nullable=True),
    Column("progress_at", UtcDateTime(), nullable=True),
    Column("progress_by", String(64), nullable=True),
    Column("done_at", UtcDateTime(), nullable=True),
    Column("done_by", String(64), nullable=True),
)

operations = Table(
    "planning_operation", metadata,
    Column("work_order_no", String(32), ForeignKey("planning_work_order.work_order_no"),
           primary_key=True),
    Column("step", Integer, primary_key=True),
    Column("work_centre", String(32), nullable=False, index=True),
    Column("planned_start", UtcDateTime(), nullable=False),
    Column("planned_finish", UtcDateTime(), nullable=False),
)

material_requests = Table(
    "planning_material_request", metadata,
    Column("request_no", String(32), primary_key=True),
    Column("plan_no", String(32), ForeignKey("planning_plan.plan_no"), nullable=False,
           index=True),
    Column("order_no", String(64), nullable=False, index=True),
    Column("company_id", String(32), nullable=False),
    Column("material_code", String(64), nullable=False),
    Column("quantity", Numeric(15, 3), nullable=False),
    Column("needed_by", Date, nullable=False),
    Column("requested_at", UtcDateTime(), nullable=False),
    Column("status", String(20), nullable=False),
    Column("eta", Date, nullable=True),
    Column("po_no", String(64), nullable=True),
    Column("ordered_at", UtcDateTime(), nullable=True),
    Column("available_at", UtcDateTime(), nullable=True),
    Column("source", String(20), nullable=True),
)
