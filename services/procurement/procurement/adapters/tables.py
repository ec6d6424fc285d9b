"""Procurement's tables (the runtime adds outbox, inbox and deadline)."""

from sqlalchemy import JSON, Boolean, Column, Date, ForeignKey, Integer, Numeric, String, Table

from servicekit.tables import UtcDateTime, service_metadata

metadata = service_metadata()

# -- master data (demo.py seeds it) -------------------------------------------------
materials = Table(
    "procurement_material", metadata,
    Column("material_code", String(64), primary_key=True),
    Column("name", String(200), nullable=False),
    Column("unit", String(16), nullable=False),
)

suppliers = Table(
    "procurement_supplier", metadata,
    Column("supplier_code", String(64), primary_key=True),
    Column("name", String(200), nullable=False),
    # PRC-2: only suppliers on the approved list (合格供方名录) may be ordered from.
    Column("approved", Boolean, nullable=False),
)

supplier_offers = Table(
    "procurement_supplier_offer", metadata,
    Column("supplier_code", String(64), ForeignKey("procurement_supplier.supplier_code"),
           primary_key=True),
    Column("material_code", String(64), primary_key=True),
    Column("lead_days", Integer, nullable=False),
    Column("unit_price", Numeric(15, 2), nullable=False),
)

# -- stock, group-wide (CO-2) ---------------------------------------------------------
stock = Table(
    "procurement_stock", metadata,
    Column("company_id", String(32), primary_key=True),
    Column("material_code", String(64), primary_key=True),
    Column("on_hand", Numeric(15, 3), nullable=False),
    Column("reserved", Numeric(15, 3), nullable=False),
)

# -- requests, purchase orders, lots ------------------------------------------------
material_requests = Table(
    "procurement_material_request", metadata,
    Column("request_no", String(64), primary_key=True),
    Column("company_id", String(32), nullable=False, index=True),
    Column("order_no", String(64), nullable=False, index=True),
    Column("material_code", String(64), nullable=False),
    Column("quantity", Numeric(15, 3), nullable=False),
    Column("needed_by", Date, nullable=False),
    Column("requested_at", UtcDateTime(), nullable=False),
    Column("status", String(20), nullable=False),
    Column("source", String(20)),
    Column("from_company", String(32)),
    Column("po_no", String(64)),
    Column("covered_at", UtcDateTime()),
)

purchase_orders = Table(
    "procurement_purchase_order", metadata,
    Column("po_no", String(64), primary_key=True),
    Column("company_id", String(32), nullable=False, index=True),
    Column("order_no", String(64), nullable=False, index=True),
    Column("request_no", String(64), nullable=False),
    Column("material_code", String(64), nullable=False),
    Column("quantity", Numeric(15, 3), nullable=False),
    Column("supplier_code", String(64), nullable=False),
    Column("unit_price", Numeric(15, 2), nullable=False),
    Column("confirmed_date", Date, nullable=False),
    Column("placed_at", UtcDateTime(), nullable=False),
    Column("status", String(24), nullable=False, index=True),
)

lots = Table(
    "procurement_lot", metadata,
    Column("lot_no", String(64), primary_key=True),
    Column("po_no", String(64), ForeignKey("procurement_purchase_order.po_no"),
           nullable=False, index=True),
    Column("quantity", Numeric(15, 3), nullable=False),
    Column("delivery_note_quantity", Numeric(15, 3), nullable=False),
    Column("delivery_note_no", String(64), nullable=False),
    Column("status", String(24), nullable=False),
    Column("received_at", UtcDateTime(), nullable=False),
    Column("received_by", String(64), nullable=False),
    Column("replacement_for", String(64)),
    Column("inspected_at", UtcDateTime()),
    Column("inspected_by", String(64)),
    Column("reasons", JSON, nullable=False),
)
