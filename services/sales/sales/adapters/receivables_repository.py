"""Receivables in and out of sales' database (SAL-10)."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import func, insert, select

from sales.adapters.tables import dunning_notices, invoice_payments, invoices, payment_terms
from sales.domain.receivables import STAGES, DunningNotice, Invoice, PaymentTerm
from servicekit.repository import Repository, TableRepository, visible_to


class InvoiceRepository(TableRepository):
    table, key, record = invoices, "invoice_no", Invoice

    @staticmethod
    def _row(invoice: Invoice) -> dict:
        return {**invoice.__dict__, "status": invoice.status}

    def _record(self, row) -> Invoice:
        values = {name: getattr(row, name) for name in Invoice.__dataclass_fields__}
        return Invoice(**{**values, "amount": Decimal(row.amount), "paid": Decimal(row.paid)})

    def for_order(self, order_no: str) -> list[Invoice]:
        return self._where("order_no", order_no, "due_date", "invoice_no")

    def list(self, companies: list[str] | None, order_no: str | None = None,
             status: str | None = None, limit: int | None = None) -> list[Invoice]:
        query = visible_to(select(invoices), invoices, companies, order_no=order_no,
                           status=status).order_by(invoices.c.due_date, invoices.c.invoice_no)
        return [self._record(row) for row in self.session.execute(query.limit(limit)).all()]

    def match(self, invoice: Invoice, amount: Decimal, at) -> None:
        """Rule SAL-10: the payment (or credit) matched to this invoice."""
        self.session.execute(insert(invoice_payments).values(
            invoice_no=invoice.invoice_no, order_no=invoice.order_no, amount=amount,
            applied_at=at))

    def matched_total(self, order_no: str) -> Decimal:
        total = self.session.execute(select(func.coalesce(func.sum(invoice_payments.c.amount), 0))
                                     .where(invoice_payments.c.order_no == order_no)).scalar()
        return Decimal(total)


class PaymentTermRepository(Repository):
    def put(self, order_no: str, terms: tuple[PaymentTerm, ...]) -> None:
        self.session.execute(insert(payment_terms), [
            {"order_no": order_no, **term.__dict__} for term in terms])

    def for_order(self, order_no: str) -> tuple[PaymentTerm, ...]:
        rows = self.session.execute(select(payment_terms)
                                    .where(payment_terms.c.order_no == order_no)).all()
        terms = [PaymentTerm(row.stage, Decimal(row.percent), row.due_days) for row in rows]
        return tuple(sorted(terms, key=lambda term: STAGES.index(term.stage)))


class DunningNoticeRepository(TableRepository):
    table, key, record = dunning_notices, "invoice_no", DunningNotice

    def _record(self, row) -> DunningNotice:
        values = {name: getattr(row, name) for name in DunningNotice.__dataclass_fields__}
        return DunningNotice(**{**values, "amount_open": Decimal(row.amount_open)})

    def list(self, companies: list[str] | None, order_no: str | None = None,
             limit: int | None = None) -> list[DunningNotice]:
        query = visible_to(select(dunning_notices), dunning_notices, companies,
                           order_no=order_no).order_by(dunning_notices.c.issued_at.desc(),
                                                       dunning_notices.c.level.desc())
        return [self._record(row) for row in self.session.execute(query.limit(limit)).all()]
