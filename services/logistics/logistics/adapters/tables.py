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
