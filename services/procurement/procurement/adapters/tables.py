"""Procurement's tables (the runtime adds outbox, inbox and deadline)."""

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
    false,
)

from servicekit.change_parts import change_part_table
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
    # issue 17: on the approved list since when, for what; retired, never deleted
    Column("approved_on", Date, nullable=True),
    Column("scope", String(300), nullable=False, default="", server_default=""),
    Column("retired", Boolean, nullable=False, default=False, server_default=false()),
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
    # PRC-1 partial cover: what the requester's own store reserved (migration 0007_transfers)
    Column("own_quantity", Numeric(15, 3), nullable=False, default=0, server_default="0"),
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
    # PRC-6 concession (migration 0004_concessions)
    Column("concession_ncr_no", String(64)),
    Column("concession_unit_price", Numeric(15, 2)),
)

# -- transfers between the group's companies (调拨单, PRC-3, migration 0007_transfers) ------
transfers = Table(
    "procurement_transfer", metadata,
    Column("transfer_no", String(64), primary_key=True),
    Column("request_no", String(64), nullable=False, index=True),
    Column("order_no", String(64), nullable=False, index=True),
    Column("material_code", String(64), nullable=False),
    Column("quantity", Numeric(15, 3), nullable=False),
    Column("from_company", String(32), nullable=False, index=True),
    Column("to_company", String(32), nullable=False, index=True),
    Column("requested_at", UtcDateTime(), nullable=False),
    Column("status", String(16), nullable=False, index=True),
    Column("shipped_at", UtcDateTime()),
    Column("shipped_by", String(64)),
    Column("carrier", String(100), nullable=False),
    Column("ship_note", String(500), nullable=False),
    Column("received_at", UtcDateTime()),
    Column("received_by", String(64)),
    Column("inspection_note", String(500), nullable=False),
)

# -- supplier follow-up of a PO (PRC-4, PRC-5, PRC-7) ---------------------------------
supplier_follow_ups = Table(
    "procurement_supplier_follow_up", metadata,
    Column("po_no", String(64), ForeignKey("procurement_purchase_order.po_no"),
           primary_key=True),
    Column("company_id", String(32), nullable=False, index=True),
    Column("order_no", String(64), nullable=False, index=True),
    Column("needed_by", Date, nullable=False),
    Column("ship_date", Date, nullable=False),
    Column("confirmed_at", UtcDateTime(), nullable=False),
    Column("confirmed_by", String(64), nullable=False),
    Column("remedy", String(32)),
    Column("remedy_holds", Boolean),
    Column("new_material_date", Date),
    Column("remedy_note", String(500), nullable=False),
    Column("signed_off_by", String(200), nullable=False),
    Column("reported_at", UtcDateTime()),
    Column("reported_by", String(64)),
    Column("shipped", Boolean),
    Column("carrier", String(100), nullable=False),
    Column("carrier_contact", String(100), nullable=False),
    Column("miss_reason", String(500), nullable=False),
    Column("checked_at", UtcDateTime()),
    Column("checked_by", String(64)),
)

# -- shortages chased until delivered or cancelled (PRC-6, migration 0006_shortages) -----
shortages = Table(
    "procurement_shortage", metadata,
    Column("shortage_no", String(64), primary_key=True),
    Column("po_no", String(64), ForeignKey("procurement_purchase_order.po_no"),
           nullable=False, index=True),
    Column("company_id", String(32), nullable=False, index=True),
    Column("order_no", String(64), nullable=False, index=True),
    Column("material_code", String(64), nullable=False),
    Column("supplier_code", String(64), nullable=False),
    Column("lot_no", String(64), nullable=False),
    Column("missing_quantity", Numeric(15, 3), nullable=False),
    Column("owner", String(64), nullable=False, index=True),
    Column("opened_at", UtcDateTime(), nullable=False),
    Column("follow_up_on", Date, nullable=False),
    Column("status", String(16), nullable=False, index=True),
    Column("chases", Integer, nullable=False),
    Column("last_note", String(500), nullable=False),
    Column("chased_at", UtcDateTime()),
    Column("delivered_lot_no", String(64)),
    Column("cancel_reason", String(500), nullable=False),
    Column("closed_at", UtcDateTime()),
    Column("closed_by", String(64)),
)

# -- its part of each customer change notice (SAL-8, servicekit.change_parts) -----------
change_part = change_part_table(metadata, "procurement")
