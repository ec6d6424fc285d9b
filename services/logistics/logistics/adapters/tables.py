"""Logistics's tables (the runtime adds outbox, inbox and deadline)."""

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    ForeignKey,
    Integer,
    Numeric,
    String,
    Table,
    Text,
)

from servicekit.tables import UtcDateTime, service_metadata

metadata = service_metadata()

# Master data: the company vehicle and contracted carriers (LOG-4), from demo.py.
carriers = Table(
    "logistics_carrier", metadata,
    Column("code", String(32), primary_key=True),
    Column("name", String(100), nullable=False),
)

# Logistics' own copy of sales.order_effective (DESIGN.md: a service that waits on
# another's fact keeps its own copy).
order_copies = Table(
    "logistics_order", metadata,
    Column("order_no", String(64), primary_key=True),
    Column("company_id", String(32), nullable=False, index=True),
    Column("customer_code", String(64), nullable=False),
    Column("customer_name", String(200), nullable=False),
    Column("delivery_address", String(300), nullable=False),
    Column("contract_no", String(64), nullable=False),
    Column("complete_set", Boolean, nullable=False),
    Column("received_at", UtcDateTime(), nullable=False),
)

order_copy_lines = Table(
    "logistics_order_line", metadata,
    Column("order_no", String(64), ForeignKey("logistics_order.order_no"), primary_key=True),
    Column("line_no", Integer, primary_key=True),
    Column("product_code", String(64), nullable=False),
    Column("quantity", Numeric(15, 3), nullable=False),
)

# Logistics' copy of sales.payment_confirmed: the latest by paid_total (LOG-2).
payments = Table(
    "logistics_payment", metadata,
    Column("order_no", String(64), primary_key=True),
    Column("company_id", String(32), nullable=False, index=True),
    Column("contract_no", String(64), nullable=False),
    Column("paid_total", Numeric(15, 2), nullable=False),
    Column("contract_total", Numeric(15, 2), nullable=False),
    Column("cleared_for_shipment", Boolean, nullable=False),
    Column("first_confirmed_at", UtcDateTime(), nullable=False),
    Column("last_confirmed_at", UtcDateTime(), nullable=False),
)

# The finished-goods store (PLN-12): one entry per passed final inspection.
finished_goods = Table(
    "logistics_finished_goods", metadata,
    Column("stock_entry_no", String(32), primary_key=True),
    Column("order_no", String(64), nullable=False, index=True),
    Column("company_id", String(32), nullable=False, index=True),
    Column("inspection_no", String(64), nullable=False, unique=True),
    Column("stocked_at", UtcDateTime(), nullable=False),
    Column("lines", JSON, nullable=False),
    Column("customer_code", String(64), nullable=True),
    Column("status", String(12), nullable=False),
    Column("shipment_no", String(32), nullable=True),
)

# Shipping notices (发货通知单) and what became of them (LOG-2..6).
shipments = Table(
    "logistics_shipment", metadata,
    Column("shipment_no", String(32), primary_key=True),
    Column("order_no", String(64), nullable=False, index=True),
    Column("company_id", String(32), nullable=False, index=True),
    Column("customer_code", String(64), nullable=False),
    Column("destination", String(300), nullable=False),
    Column("lines", JSON, nullable=False),
    Column("stock_entry_nos", JSON, nullable=False),
    Column("status", String(12), nullable=False, index=True),
    Column("prepared_at", UtcDateTime(), nullable=False),
    Column("prepared_by", String(100), nullable=False),
    Column("planned_ship_at", UtcDateTime(), nullable=True),
    Column("carrier", String(100), nullable=True),
    Column("vehicle_no", String(32), nullable=True),
    Column("expected_arrival", UtcDateTime(), nullable=True),
    Column("dispatched_at", UtcDateTime(), nullable=True),
    Column("dispatched_by", String(100), nullable=True),
    Column("delivered_at", UtcDateTime(), nullable=True),
    Column("received_by", String(100), nullable=True),
    Column("receipt_no", String(64), nullable=True),
    Column("damaged", Boolean, nullable=False),
    Column("delivery_recorded_by", String(100), nullable=True),
    Column("instruction_no", String(32), nullable=True),  # the instruction shipped from
    Column("signed_receipt_by", String(100), nullable=True),  # LOG-4
    Column("customer_notice", Text, nullable=True),  # LOG-6
    Column("missing_parts_no", String(32), nullable=True),  # LOG-5
    Column("delay_reports", Integer, nullable=False, server_default="0"),  # LOG-4
)

# Dispatch attempts the payment gate refused: who, when, why (LOG-2, X-3).
dispatch_refusals = Table(
    "logistics_dispatch_refusal", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("shipment_no", String(32), nullable=False, index=True),
    Column("order_no", String(64), nullable=False, index=True),
    Column("company_id", String(32), nullable=False),
    Column("refused_at", UtcDateTime(), nullable=False),
    Column("refused_by", String(100), nullable=False),
    Column("reason", Text, nullable=False),
)

# -- AFS-4: replacement shipments after-sales asked for (migration 0002_replacements) -------
replacement_shipments = Table(
    "logistics_replacement_shipment", metadata,
    Column("shipment_no", String(64), primary_key=True),
    Column("request_no", String(64), nullable=False, unique=True),
    Column("order_no", String(64), nullable=False, index=True),
    Column("company_id", String(32), nullable=False, index=True),
    Column("customer_code", String(64), nullable=False),
    Column("remedy", String(16), nullable=False),
    Column("lines", JSON, nullable=False),
    Column("status", String(12), nullable=False),
    Column("planned_at", UtcDateTime(), nullable=False),
    Column("carrier", String(100), nullable=True),
    Column("vehicle_no", String(32), nullable=True),
    Column("dispatched_at", UtcDateTime(), nullable=True),
    Column("dispatched_by", String(64), nullable=True),
)

# Logistics' copy of sales.shipping_instruction_issued: shipping works from it (LOG-2).
shipping_instructions = Table(
    "logistics_shipping_instruction", metadata,
    Column("instruction_no", String(32), primary_key=True),
    Column("order_no", String(64), nullable=False, index=True),
    Column("company_id", String(32), nullable=False, index=True),
    Column("contract_no", String(64), nullable=False),
    Column("customer_code", String(64), nullable=False),
    Column("ship_at", UtcDateTime(), nullable=False),
    Column("arrival_at", UtcDateTime(), nullable=False),
    Column("arrival_place", String(300), nullable=False),
    Column("issued_by", String(100), nullable=False),
    Column("issued_at", UtcDateTime(), nullable=False),
    Column("lines", JSON, nullable=False),
)

# Missing parts of a short shipment (缺件发货, LOG-5): consent, owner, their own shipment.
missing_parts = Table(
    "logistics_missing_parts", metadata,
    Column("missing_no", String(32), primary_key=True),
    Column("order_no", String(64), nullable=False, index=True),
    Column("company_id", String(32), nullable=False, index=True),
    Column("short_shipment_no", String(32), nullable=False),
    Column("lines", JSON, nullable=False),
    Column("owner", String(100), nullable=False),
    Column("consent_given_by", String(100), nullable=False),
    Column("consent_given_at", UtcDateTime(), nullable=False),
    Column("consent_channel", String(16), nullable=False),
    Column("recorded_by", String(100), nullable=False),
    Column("recorded_at", UtcDateTime(), nullable=False),
    Column("status", String(12), nullable=False),
    Column("shipment_no", String(32), nullable=True),
)

# "Not received" reports and shipping's investigation of them (LOG-6).
investigations = Table(
    "logistics_investigation", metadata,
    Column("investigation_no", String(32), primary_key=True),
    Column("shipment_no", String(32), nullable=False, index=True),
    Column("order_no", String(64), nullable=False, index=True),
    Column("company_id", String(32), nullable=False, index=True),
    Column("reported_by", String(100), nullable=False),
    Column("note", Text, nullable=False),
    Column("opened_at", UtcDateTime(), nullable=False),
    Column("opened_by", String(100), nullable=False),
    Column("status", String(12), nullable=False),
    Column("finding", Text, nullable=True),
    Column("goods_found", Boolean, nullable=True),
    Column("closed_at", UtcDateTime(), nullable=True),
    Column("closed_by", String(100), nullable=True),
)

# Claims against carriers for goods received damaged (LOG-6): amount and outcome.
carrier_claims = Table(
    "logistics_carrier_claim", metadata,
    Column("claim_no", String(32), primary_key=True),
    Column("shipment_no", String(32), nullable=False, index=True),
    Column("order_no", String(64), nullable=False, index=True),
    Column("company_id", String(32), nullable=False, index=True),
    Column("carrier", String(100), nullable=False),
    Column("amount", Numeric(15, 2), nullable=True),
    Column("description", Text, nullable=False),
    Column("opened_at", UtcDateTime(), nullable=False),
    Column("opened_by", String(100), nullable=False),
    Column("status", String(12), nullable=False),
    Column("outcome", String(16), nullable=True),
    Column("recovered_amount", Numeric(15, 2), nullable=True),
    Column("note", Text, nullable=False),
    Column("settled_at", UtcDateTime(), nullable=True),
    Column("settled_by", String(100), nullable=True),
)

# The packaging notice (LOG-1): timed by planning's forecast completion.
packaging_notices = Table(
    "logistics_packaging_notice", metadata,
    Column("order_no", String(64), primary_key=True),
    Column("company_id", String(32), nullable=False, index=True),
    Column("plan_no", String(32), nullable=False),
    Column("goods_ready_at", UtcDateTime(), nullable=False),
    Column("tracked", Boolean, nullable=False),
    Column("status", String(12), nullable=False),
    Column("packing", Text, nullable=True),
    Column("accessories", Text, nullable=True),
    Column("documents", Text, nullable=True),
    Column("notified_at", UtcDateTime(), nullable=True),
    Column("notified_by", String(100), nullable=True),
    Column("ready_moves", Integer, nullable=False),
)
