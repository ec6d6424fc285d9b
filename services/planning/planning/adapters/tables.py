"""Planning's tables (the runtime adds outbox, inbox and deadline)."""

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
    false,
)

from servicekit.change_parts import change_part_table
from servicekit.tables import UtcDateTime, service_metadata

metadata = service_metadata()

# -- master data (demo.py seeds it from demo/group.json) ---------------------------------
products = Table(
    "planning_product", metadata,
    Column("product_code", String(64), primary_key=True),
    Column("company_id", String(32), nullable=False, index=True),
    Column("name", String(200), nullable=False),
    Column("complete_set", Boolean, nullable=False, default=False),
    # issue 17: retired, never deleted (plans reference it)
    Column("retired", Boolean, nullable=False, default=False, server_default=false()),
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
    Column("dedicated_rush_for", String(32), nullable=True),  # PLN-9
)

materials = Table(
    "planning_material", metadata,
    Column("material_code", String(64), primary_key=True),
    Column("lead_days", Integer, nullable=False),
)

# planning's copy of procurement's supplier offers (procurement.supplier_changed, issue 17):
# a material's lead time (PLN-2) is the shortest of its approved suppliers'
supplier_leads = Table(
    "planning_supplier_lead", metadata,
    Column("supplier_code", String(64), primary_key=True),
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
    # PLN-1: a plan is proposed, then published by a planner (migration 0008)
    Column("published_at", UtcDateTime(), nullable=True),
    Column("published_by", String(64), nullable=True),
    Column("publish_note", Text, nullable=True),
)

# PLN-3: the coordination meeting of a (non-regular) plan, and each department's approval
plan_coordinations = Table(
    "planning_plan_coordination", metadata,
    Column("plan_no", String(32), ForeignKey("planning_plan.plan_no"), primary_key=True),
    Column("held_at", UtcDateTime(), nullable=False),
    Column("recorded_by", String(64), nullable=False),
    Column("recorded_at", UtcDateTime(), nullable=False),
    Column("attendees", JSON, nullable=False),
    Column("notes", Text, nullable=False),
)

plan_approvals = Table(
    "planning_plan_approval", metadata,
    Column("plan_no", String(32), ForeignKey("planning_plan.plan_no"), primary_key=True),
    Column("department", String(20), primary_key=True),
    Column("approved_by", String(64), nullable=False),
    Column("approved_at", UtcDateTime(), nullable=False),
    Column("remark", Text, nullable=False),
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

# -- its part of each customer change notice (SAL-8, servicekit.change_parts) -----------
change_part = change_part_table(metadata, "planning")

# -- QLT-4: rework work orders and scrap from quality's NCRs (migration 0003) ---------
rework_orders = Table(
    "planning_rework_order", metadata,
    Column("rework_order_no", String(64), primary_key=True),
    Column("kind", String(12), nullable=False),
    Column("company_id", String(32), nullable=False, index=True),
    Column("order_no", String(64), nullable=False, index=True),
    Column("ncr_no", String(64), nullable=False, unique=True),
    Column("product_code", String(64), nullable=True),
    Column("quantity", Numeric(15, 3), nullable=True),
    Column("reason", Text, nullable=False),
    Column("owner", String(64), nullable=True),
    Column("status", String(12), nullable=False),
    Column("created_at", UtcDateTime(), nullable=False),
)


# -- stock facts: planning's copy of procurement's stock_level_changed events (PLN-2, CO-2) --
stock_facts = Table(
    "planning_stock_fact", metadata,
    Column("company_id", String(32), primary_key=True),
    Column("material_code", String(64), primary_key=True),
    Column("on_hand", Numeric(15, 3), nullable=False),
    Column("available", Numeric(15, 3), nullable=False),
    Column("as_of", UtcDateTime(), nullable=False),
)

# -- make-to-stock levels of standard items (PLN-11) ---------------------------------------
stock_targets = Table(
    "planning_stock_target", metadata,
    Column("company_id", String(32), primary_key=True),
    Column("product_code", String(64), primary_key=True),
    Column("minimum", Numeric(15, 3), nullable=False),
    Column("maximum", Numeric(15, 3), nullable=False),
    Column("on_hand", Numeric(15, 3), nullable=False),
    Column("set_by", String(64), nullable=False),
    Column("set_at", UtcDateTime(), nullable=True),
    Column("counted_by", String(64), nullable=True),
    Column("counted_at", UtcDateTime(), nullable=True),
)

# -- work centres out of action (PLN-5): breakdowns every re-plan and placement keeps clear of
downtimes = Table(
    "planning_downtime", metadata,
    Column("downtime_no", String(32), primary_key=True),
    Column("company_id", String(32), nullable=False, index=True),
    Column("work_centre", String(64), nullable=False),
    Column("down_from", UtcDateTime(), nullable=False),
    Column("down_until", UtcDateTime(), nullable=False),
    Column("reason", Text, nullable=False),
    Column("recorded_by", String(64), nullable=False),
    Column("recorded_at", UtcDateTime(), nullable=False),
)

# -- the live plan (PLN-5, PLN-7, PLN-9): its version per company and what each re-plan moved -
live_plans = Table(
    "planning_live_plan", metadata,
    Column("company_id", String(32), primary_key=True),
    Column("version", Integer, nullable=False),
    Column("replanned_at", UtcDateTime(), nullable=False),
    Column("reason", Text, nullable=False),
)

plan_moves = Table(
    "planning_plan_move", metadata,
    Column("company_id", String(32), primary_key=True),
    Column("version", Integer, primary_key=True),
    Column("work_order_no", String(32), primary_key=True),
    Column("order_no", String(64), nullable=False, index=True),
    Column("line_no", Integer, nullable=False),
    Column("old_finish", UtcDateTime(), nullable=False),
    Column("new_finish", UtcDateTime(), nullable=False),
)

# A re-plan waiting for its approvals: a rush insertion (PLN-9) or a re-sequence (PLN-7),
# with exactly the moves it will apply, computed against one version of the live plan.
replan_proposals = Table(
    "planning_replan_proposal", metadata,
    Column("proposal_no", String(32), primary_key=True),
    Column("company_id", String(32), nullable=False, index=True),
    Column("kind", String(16), nullable=False),  # rush | resequence
    Column("order_no", String(64), nullable=True, index=True),  # the rush order
    Column("base_version", Integer, nullable=False),
    Column("status", String(16), nullable=False),  # proposed | approved | superseded
    Column("proposed_at", UtcDateTime(), nullable=False),
    Column("proposed_by", String(64), nullable=False),
    Column("approvals", Text, nullable=False),  # JSON: role -> {"by", "at"}
    Column("body", Text, nullable=False),  # JSON: moves, impacts, reservations
)

# A rush order's slots, held from its approval until its instruction is decomposed (PLN-9).
reservations = Table(
    "planning_reservation", metadata,
    Column("order_no", String(64), primary_key=True),
    Column("line_no", Integer, primary_key=True),
    Column("step", Integer, primary_key=True),
    Column("company_id", String(32), nullable=False, index=True),
    Column("work_centre", String(32), nullable=False),
    Column("planned_start", UtcDateTime(), nullable=False),
    Column("planned_finish", UtcDateTime(), nullable=False),
)

# -- PLN-6: objections to a plan task's time, from any company (migration 0007) -------
objections = Table(
    "planning_objection", metadata,
    Column("objection_no", String(64), primary_key=True),
    Column("company_id", String(32), nullable=False, index=True),
    Column("plan_company_id", String(32), nullable=False, index=True),
    Column("order_no", String(64), nullable=False, index=True),
    Column("work_order_no", String(64), nullable=False),
    Column("reason", Text, nullable=False),
    Column("proposed_finish", UtcDateTime(), nullable=False),
    Column("planned_finish", UtcDateTime(), nullable=False),
    Column("raised_by", String(64), nullable=False),
    Column("raised_at", UtcDateTime(), nullable=False),
    Column("status", String(12), nullable=False),
    Column("decided_by", String(64), nullable=True),
    Column("decided_at", UtcDateTime(), nullable=True),
    Column("decision_reason", Text, nullable=False),
)

# -- PLN-10: outsourcing orders and the partners they go to (migration 0008) ------------
outsourcing_partners = Table(
    "planning_outsourcing_partner", metadata,
    Column("partner_code", String(64), primary_key=True),
    Column("name", String(200), nullable=False),
    Column("name_zh", String(200), nullable=False),
    Column("lead_days", Integer, nullable=False),
    Column("work_centres", Text, nullable=False),  # comma-separated work-centre codes
)

outsourcing_orders = Table(
    "planning_outsourcing_order", metadata,
    Column("outsourcing_no", String(64), primary_key=True),
    Column("company_id", String(32), nullable=False, index=True),
    Column("order_no", String(64), nullable=False, index=True),
    Column("plan_no", String(64), nullable=False),
    Column("work_order_no", String(64), nullable=False, index=True),
    Column("product_code", String(64), nullable=False),
    Column("step", Integer, nullable=False),
    Column("work_centre", String(64), nullable=False),
    Column("last_step", Boolean, nullable=False),
    Column("partner_code", String(64), nullable=False),
    Column("partner_name", String(200), nullable=False),
    Column("quantity", Numeric(15, 3), nullable=False),
    Column("unit_price", Numeric(18, 2), nullable=False),
    Column("currency", String(3), nullable=False),
    Column("agreed_return_date", Date, nullable=False),
    Column("reason", String(32), nullable=False),
    Column("reason_note", Text, nullable=False),
    Column("items", Text, nullable=False),  # JSON: what goes out (BOM and routing)
    Column("proposed_by", String(64), nullable=False),
    Column("proposed_at", UtcDateTime(), nullable=False),
    Column("status", String(12), nullable=False),
    Column("decided_by", String(64), nullable=True),
    Column("decided_at", UtcDateTime(), nullable=True),
    Column("decision_reason", Text, nullable=False),
    Column("sent_by", String(64), nullable=True),
    Column("sent_at", UtcDateTime(), nullable=True),
    Column("received_by", String(64), nullable=True),
    Column("received_at", UtcDateTime(), nullable=True),
    Column("received_quantity", Numeric(15, 3), nullable=True),
    Column("inspected_by", String(64), nullable=True),
    Column("inspected_at", UtcDateTime(), nullable=True),
    Column("inspection_note", Text, nullable=False),
    Column("returns_to_partner", Integer, nullable=False),
    Column("history", Text, nullable=False),  # JSON list of what happened, in words
)

# -- PLN-8: process control -- the preparation check, daily progress, remedies (0010) -------
preparation_checks = Table(
    "planning_preparation_check", metadata,
    Column("work_order_no", String(32), primary_key=True),
    Column("checked_by", String(64), nullable=False),
    Column("checked_at", UtcDateTime(), nullable=False),
    Column("items", JSON, nullable=False),  # [{item, ok, note, fact}]
)

progress_reports = Table(
    "planning_progress_report", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("work_order_no", String(32), nullable=False, index=True),
    Column("reported_at", UtcDateTime(), nullable=False),
    Column("reported_by", String(64), nullable=False),
    Column("completed", Numeric(15, 3), nullable=False),
    Column("remaining", Numeric(15, 3), nullable=False),
    Column("forecast_completion", UtcDateTime(), nullable=True),
    Column("note", Text, nullable=False),
    Column("deviation", Boolean, nullable=False),
)

remedies = Table(
    "planning_remedy", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("work_order_no", String(32), nullable=False, index=True),
    Column("kind", String(20), nullable=False),
    Column("note", Text, nullable=False),
    Column("recorded_by", String(64), nullable=False),
    Column("recorded_at", UtcDateTime(), nullable=False),
)
