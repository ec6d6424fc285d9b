"""Orders and reference data in and out of the sales database."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import delete, insert, select, update

from contracts.events.sales import NonRegularReason, OrderKind
from sales.adapters.tables import (
    customers,
    order_lines,
    order_steps,
    orders,
    payments,
    price_list,
    settings,
)
from sales.domain.model import Contract, Order, OrderLine, Payment, Review, Step
from servicekit import clock
from servicekit.repository import Repository, keyset_page, row_of, rows_by, visible_to

SURCHARGE_KEY = "custom_change_surcharge_percent"
CUSTOMER_PUBLIC = ("company_id", "customer_code", "name", "grade", "address")
EVER = date(2000, 1, 1)  # the effective date of a price entered without one



class SqlReferenceRepository(Repository):
    """Customer master, price list and settings (seeded from the demo data)."""

    def customer(self, company_id: str, customer_code: str) -> dict | None:
        row = self.session.execute(select(customers).where(
            customers.c.company_id == company_id,
            customers.c.customer_code == customer_code,
            customers.c.retired.is_(False))).first()  # a retired customer takes no new order
        return dict(row._mapping) if row else None

    def customers(self, companies: list[str] | None) -> list[dict]:
        query = visible_to(select(customers), customers, companies).where(
            customers.c.retired.is_(False)).order_by(
            customers.c.company_id, customers.c.customer_code)
        return [{name: row._mapping[name] for name in CUSTOMER_PUBLIC}
                for row in self.session.execute(query)]

    def prices(self, company_id: str, on: date | None = None) -> dict[str, Decimal]:
        """The price list in force on a day (today in the company's zone by default): per
        product, the version with the latest effective date not after it (SAL-5)."""
        on = on or clock.today()
        rows = self.session.execute(select(price_list).where(
            price_list.c.company_id == company_id, price_list.c.effective_from <= on)
            .order_by(price_list.c.effective_from))
        return {row.product_code: Decimal(row.unit_price) for row in rows}  # latest wins

    def surcharge_percent(self) -> Decimal:
        value = self.session.execute(
            select(settings.c.value).where(settings.c.key == SURCHARGE_KEY)).scalar()
        return Decimal(value) if value is not None else Decimal("0")

    def upsert_customer(self, row: dict) -> None:
        self._upsert(customers, {"company_id": row["company_id"],
                                 "customer_code": row["customer_code"]}, row)

    def upsert_price(self, row: dict) -> None:
        row = {"effective_from": EVER, **row}
        self._upsert(price_list, {"company_id": row["company_id"],
                                  "product_code": row["product_code"],
                                  "effective_from": row["effective_from"]}, row)

    def set(self, key: str, value: str) -> None:
        self._upsert(settings, {"key": key}, {"key": key, "value": value})

    def _upsert(self, table, key: dict, row: dict) -> None:
        where = [table.c[name] == value for name, value in key.items()]
        if self.session.execute(select(*table.primary_key.columns).where(*where)).first():
            self.session.execute(update(table).where(*where).values(**row))
        else:
            self.session.execute(insert(table).values(**row))


class SqlOrderRepository(Repository):
    # -- writing ---------------------------------------------------------------------
    def add(self, order: Order) -> None:
        self.session.execute(insert(orders).values(order_no=order.order_no, **_order_row(order)))
        self._write_children(order)

    def save(self, order: Order) -> None:
        """Write the whole aggregate back (orders are small: a few lines and steps)."""
        self.session.execute(update(orders).where(orders.c.order_no == order.order_no)
                             .values(**_order_row(order)))
        for table in (order_lines, payments, order_steps):
            self.session.execute(delete(table).where(table.c.order_no == order.order_no))
        self._write_children(order)

    def _write_children(self, order: Order) -> None:
        self.session.execute(insert(order_lines), [
            {"order_no": order.order_no, **line.__dict__} for line in order.lines])
        if order.payments:
            self.session.execute(insert(payments), [
                {"order_no": order.order_no, "seq": seq, **payment.__dict__}
                for seq, payment in enumerate(order.payments, start=1)])
        if order.steps:
            self.session.execute(insert(order_steps), [
                {"order_no": order.order_no, "seq": seq, **step.__dict__}
                for seq, step in enumerate(order.steps, start=1)])

    # -- reading ---------------------------------------------------------------------
    def get(self, order_no: str) -> Order | None:
        row = self.session.execute(row_of(orders, "order_no"), {"value": order_no}).first()
        return self._load([row])[0] if row else None

    def list(self, companies: list[str] | None, status: str | None = None,
             limit: int = 100, after: str | None = None) -> list[Order]:
        """Newest first; the page after the order `after` (keyset: issue 16)."""
        query = keyset_page(visible_to(select(orders), orders, companies, status=status),
                            orders, "order_no", after, limit,
                            ("received_at", "desc"), ("order_no", "desc"))
        return self._load(self.session.execute(query).all())

    def _load(self, rows) -> list[Order]:
        """The orders of these rows, their lines, payments and steps in one query each."""
        numbers = [row.order_no for row in rows]
        lines = rows_by(self.session, order_lines, "order_no", numbers, "line_no")
        paid = rows_by(self.session, payments, "order_no", numbers, "seq")
        steps = rows_by(self.session, order_steps, "order_no", numbers, "seq")
        return [self._order(row, lines[row.order_no], paid[row.order_no], steps[row.order_no])
                for row in rows]

    @staticmethod
    def _order(row, lines, paid, steps) -> Order:
        no = row.order_no
        contract = None
        if row.contract_no:
            contract = Contract(row.contract_no, Decimal(row.contract_total),
                                Decimal(row.deposit_percent), Decimal(row.deposit_amount),
                                bool(row.pay_in_full_before_shipment), row.signed_at,
                                row.signed_by)
        return Order(
            order_no=no, company_id=row.company_id, customer_code=row.customer_code,
            customer_name=row.customer_name, customer_grade=row.customer_grade,
            kind=OrderKind(row.kind), received_at=row.received_at,
            received_by=row.received_by, status=row.status,
            non_regular_reasons=[NonRegularReason(r) for r in row.non_regular_reasons],
            repeat_of=row.repeat_of, rush=row.rush, complete_set=row.complete_set,
            project_name=row.project_name, delivery_address=row.delivery_address,
            review=_review_from(row.review), design_review=row.design_review,
            quotation_total=_decimal(row.quotation_total), contract=contract,
            instruction_no=row.instruction_no, instructed_at=row.instructed_at,
            decline_reason=row.decline_reason, planned_completion=row.planned_completion,
            status_note=row.status_note, open_service_requests=row.open_service_requests,
            lines=[OrderLine(r.line_no, r.product_code, r.spec, Decimal(r.quantity),
                             r.requested_date, r.confirmed_date, _decimal(r.unit_price))
                   for r in lines],
            payments=[Payment(Decimal(r.amount), r.reference, r.received_at, r.recorded_by)
                      for r in paid],
            steps=[Step(r.stage, r.state, r.started_at, r.ended_at, r.actor, r.summary,
                        dict(r.refs or {})) for r in steps],
        )


def _order_row(order: Order) -> dict:
    contract = order.contract
    return {
        "company_id": order.company_id, "customer_code": order.customer_code,
        "customer_name": order.customer_name, "customer_grade": order.customer_grade,
        "kind": order.kind.value,
        "non_regular_reasons": [r.value for r in order.non_regular_reasons],
        "repeat_of": order.repeat_of, "rush": order.rush, "complete_set": order.complete_set,
        "project_name": order.project_name, "delivery_address": order.delivery_address,
        "status": order.status, "status_note": order.status_note,
        "received_at": order.received_at, "received_by": order.received_by,
        "review": _review_to(order.review), "design_review": order.design_review,
        "quotation_total": order.quotation_total,
        "contract_no": contract.contract_no if contract else None,
        "contract_total": contract.total if contract else None,
        "deposit_percent": contract.deposit_percent if contract else None,
        "deposit_amount": contract.deposit if contract else None,
        "pay_in_full_before_shipment": contract.pay_in_full_before_shipment if contract else None,
        "signed_at": contract.signed_at if contract else None,
        "signed_by": contract.signed_by if contract else None,
        "instruction_no": order.instruction_no, "instructed_at": order.instructed_at,
        "decline_reason": order.decline_reason, "planned_completion": order.planned_completion,
        "open_service_requests": order.open_service_requests,
    }


def _review_to(review: Review | None) -> dict | None:
    if review is None:
        return None
    return {"feasible": review.feasible, "earliest_date": review.earliest_date.isoformat(),
            "binding_kind": review.binding_kind, "binding_constraint": review.binding_constraint,
            "reviewed_by": review.reviewed_by, "reviewed_at": review.reviewed_at.isoformat()}


def _review_from(data: dict | None) -> Review | None:
    if not data:
        return None
    return Review(data["feasible"], date.fromisoformat(data["earliest_date"]),
                  data["binding_kind"], data["binding_constraint"], data["reviewed_by"],
                  datetime.fromisoformat(data["reviewed_at"]))


def _decimal(value) -> Decimal | None:
    return None if value is None else Decimal(value)
