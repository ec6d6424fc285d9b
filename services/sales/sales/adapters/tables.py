"""Sales' tables (the runtime adds outbox, inbox and deadline)."""

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    Date,
    ForeignKey,
    Index,
    Integer,
    Numeric,
    String,
    Table,
    Text,
    false,
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
    # maintained through the gateway (issue 17): payment terms, contacts, retired
    Column("payment_terms", String(200), nullable=False, default="", server_default=""),
    Column("contacts", String(300), nullable=False, default="", server_default=""),
    Column("retired", Boolean, nullable=False, default=False, server_default=false()),
)

# Versions of the price list (SAL-5): a price applies from its effective date on, so a
# change dated tomorrow leaves today's quotations as they were.
price_list = Table(
    "sales_price", metadata,
    Column("company_id", String(32), primary_key=True),
    Column("product_code", String(64), primary_key=True),
    Column("effective_from", Date, primary_key=True, server_default="2000-01-01"),
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
    # list_orders' keyset pages, newest first: a page is an index seek (issue 16)
    Index("ix_sales_order_newest", "received_at", "order_no"),
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

# -- customer change notices (SAL-8, PLN-15) and the order-line revisions they make -------
change_notices = Table(
    "sales_change_notice", metadata,
    Column("change_no", String(64), primary_key=True),
    Column("order_no", String(64), nullable=False, index=True),
    Column("company_id", String(32), nullable=False, index=True),
    Column("received_at", UtcDateTime(), nullable=False),
    Column("received_from", String(100), nullable=False),
    Column("recorded_by", String(64), nullable=False),
    Column("revision", Integer, nullable=False),
    Column("lines_before", JSON, nullable=False),
    Column("lines_after", JSON, nullable=False),
    Column("description", Text, nullable=False),
    Column("technical_requirement", Text, nullable=False),
    Column("quality_requirement", Text, nullable=False),
    Column("delivery_place", String(300), nullable=False),
    Column("technical_change", Boolean, nullable=False),
    Column("status", String(32), nullable=False),
    Column("severity", Integer),
    Column("reason", Text, nullable=False),
    Column("classified_at", UtcDateTime()),
    Column("classified_by", String(64)),
    Column("earliest_date", Date),
    Column("binding_constraint", Text, nullable=False),
    Column("agreed_date", Date),
    Column("design_feasible", Boolean),
    Column("design_notes", Text, nullable=False),
    Column("contract_no", String(64)),
    Column("price_increase", Numeric(15, 2)),
    Column("issued_at", UtcDateTime()),
    Column("outcomes", JSON, nullable=False),
    Column("refused_by", String(32)),
    Column("refusal_reason", Text, nullable=False),
    Column("settled_at", UtcDateTime()),
)

order_revisions = Table(
    "sales_order_revision", metadata,
    Column("order_no", String(64), primary_key=True),
    Column("revision", Integer, primary_key=True),
    Column("lines", JSON, nullable=False),
    Column("change_no", String(64)),
    Column("recorded_at", UtcDateTime(), nullable=False),
)

# -- order follow-up (跟单, SAL-9): one task per order and confirmed delivery date ---------
follow_ups = Table(
    "sales_follow_up", metadata,
    Column("order_no", String(64), primary_key=True),
    Column("confirmed_date", Date, primary_key=True),
    Column("company_id", String(32), nullable=False, index=True),
    Column("window_opens", UtcDateTime(), nullable=False, index=True),
    Column("due_at", UtcDateTime(), nullable=False),
    Column("status", String(16), nullable=False, index=True),
    Column("deviation", Boolean, nullable=False),
    Column("checked_at", UtcDateTime()),
    Column("checked_by", String(64)),
    Column("urge_note_no", String(64)),
    Column("new_date", Date),
    Column("final_deadline", Date),
)

# Shipping instructions (发货通知单) issued by contract & order management (LOG-2).
shipping_instructions = Table(
    "sales_shipping_instruction", metadata,
    Column("instruction_no", String(32), primary_key=True),
    Column("order_no", String(64), ForeignKey("sales_order.order_no"), nullable=False,
           index=True),
    Column("company_id", String(32), nullable=False, index=True),
    Column("contract_no", String(64), nullable=False),
    Column("customer_code", String(64), nullable=False),
    Column("ship_at", UtcDateTime(), nullable=False),
    Column("arrival_at", UtcDateTime(), nullable=False),
    Column("arrival_place", String(300), nullable=False),
    Column("note", Text, nullable=False),
    Column("issued_by", String(100), nullable=False),
    Column("issued_at", UtcDateTime(), nullable=False),
    Column("lines", JSON, nullable=False),
)

# Receivables (SAL-10): the contract's payment terms (data), the invoices issued from them,
# the payments matched to each invoice, and the dunning notices (催款).
payment_terms = Table(
    "sales_payment_term", metadata,
    Column("order_no", String(64), ForeignKey("sales_order.order_no"), primary_key=True),
    Column("stage", String(20), primary_key=True),
    Column("percent", Numeric(5, 2), nullable=False),
    Column("due_days", Integer, nullable=False),
)

invoices = Table(
    "sales_invoice", metadata,
    Column("invoice_no", String(32), primary_key=True),
    Column("order_no", String(64), ForeignKey("sales_order.order_no"), nullable=False,
           index=True),
    Column("company_id", String(32), nullable=False, index=True),
    Column("customer_code", String(64), nullable=False),
    Column("contract_no", String(64), nullable=False),
    Column("stage", String(20), nullable=False),
    Column("amount", Numeric(16, 2), nullable=False),
    Column("issued_at", UtcDateTime(), nullable=False),
    Column("due_date", Date, nullable=False, index=True),
    Column("paid", Numeric(16, 2), nullable=False),
    Column("paid_at", UtcDateTime(), nullable=True),
    Column("dunning_level", Integer, nullable=False),
    Column("status", String(8), nullable=False, index=True),
)

invoice_payments = Table(
    "sales_invoice_payment", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("invoice_no", String(32), ForeignKey("sales_invoice.invoice_no"), nullable=False,
           index=True),
    Column("order_no", String(64), nullable=False, index=True),
    Column("amount", Numeric(16, 2), nullable=False),
    Column("applied_at", UtcDateTime(), nullable=False),
)

dunning_notices = Table(
    "sales_dunning_notice", metadata,
    Column("invoice_no", String(32), ForeignKey("sales_invoice.invoice_no"), primary_key=True),
    Column("level", Integer, primary_key=True),
    Column("order_no", String(64), nullable=False, index=True),
    Column("company_id", String(32), nullable=False, index=True),
    Column("customer_code", String(64), nullable=False),
    Column("action", String(100), nullable=False),
    Column("addressed_to", String(40), nullable=False),
    Column("days_overdue", Integer, nullable=False),
    Column("amount_open", Numeric(16, 2), nullable=False),
    Column("as_of", Date, nullable=False),
    Column("issued_at", UtcDateTime(), nullable=False),
    Column("issued_by", String(100), nullable=False),
)

# -- installation on the customer's site (AFS-3, migration 0007_installation_projects) --
installation_projects = Table(
    "sales_installation_project", metadata,
    Column("order_no", String(64), primary_key=True),
    Column("company_id", String(32), nullable=False, index=True),
    Column("customer_code", String(64), nullable=False),
    Column("site", String(300), nullable=False),
    Column("terms_by", String(64), nullable=False),
    Column("terms_at", UtcDateTime(), nullable=False),
    Column("ready_on", Date),
    Column("readiness_by", String(64)),
    Column("readiness_at", UtcDateTime()),
    Column("readiness_note", String(500), nullable=False),
)
