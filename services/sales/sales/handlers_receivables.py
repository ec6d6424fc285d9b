"""Sales' receivables use cases (收回货款, SAL-10).

Invoices are issued from the contract's payment terms as their triggers happen (the deposit
on signing, the balance when the goods are ready, the retention after acceptance); every
payment is matched to its order's open invoices; a dunning run gives each overdue invoice
its next step. Two X-1 limits per invoice: collected by its due date, and each dunning step
taken within 5 working days of falling due; payment meets both.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime, time
from decimal import Decimal

from contracts.rpc.common import Actor
from contracts.rpc.sales import ContractCreate
from contracts.rpc.sales_receivables import (
    AgingBuckets,
    AgingPublic,
    CompanyAging,
    CustomerAging,
    DunningNoticePublic,
    DunningRunCreate,
    InvoicePublic,
)
from sales.domain import receivables
from sales.domain.errors import OrderNotFound
from sales.domain.model import Order
from sales.domain.receivables import DUNNING_LADDER, DunningNotice, Invoice, PaymentTerm
from servicekit import clock
from servicekit.timelimits import X1_TIME_LIMITS
from servicekit.workcalendar import DEFAULT_CALENDAR

SAL10_COLLECT = X1_TIME_LIMITS["SAL-10.collect_invoice"]
SAL10_DUNNING = X1_TIME_LIMITS["SAL-10.dunning_step"]


def collect_subject(invoice_no: str) -> str:
    return f"invoice {invoice_no}"


def dunning_subject(invoice_no: str, level: int) -> str:
    return f"invoice {invoice_no} dunning step {level}"


def contract_terms(contract: ContractCreate) -> tuple[PaymentTerm, ...]:
    """The contract's payment terms as data; without any, those its two fields imply."""
    if contract.payment_terms:
        return receivables.check_terms(PaymentTerm(str(term.stage), term.percent, term.due_days)
                                       for term in contract.payment_terms)
    return receivables.default_terms(contract.deposit_percent,
                                     contract.pay_in_full_before_shipment)


# -- what happens to an order (called by the order's own use cases and events) --------------------

def contract_signed(uow, order: Order, terms: tuple[PaymentTerm, ...], at: datetime) -> None:
    uow.payment_terms.put(order.order_no, terms)
    issue_invoice(uow, order, receivables.DEPOSIT, at)


def goods_ready(uow, order: Order, at: datetime) -> None:
    issue_invoice(uow, order, receivables.BEFORE_SHIPMENT, at)


def accepted(uow, order: Order, at: datetime) -> None:
    issue_invoice(uow, order, receivables.AFTER_ACCEPTANCE, at)


def issue_invoice(uow, order: Order, stage: str, at: datetime) -> Invoice | None:
    """Rule SAL-10: the stage's invoice, once; money already received pays it at once."""
    terms = uow.payment_terms.for_order(order.order_no)
    term = next((each for each in terms if each.stage == stage), None)
    if term is None or order.contract is None or any(
            each.stage == stage for each in uow.invoices.for_order(order.order_no)):
        return None
    invoice = Invoice(
        invoice_no=uow.numbers.next("INV", order.company_id), order_no=order.order_no,
        company_id=order.company_id, customer_code=order.customer_code,
        contract_no=order.contract.contract_no, stage=stage,
        amount=receivables.stage_amount(order.contract.total, terms, stage), issued_at=at,
        due_date=receivables.due_date(DEFAULT_CALENDAR.local(at).date(), term))
    credit = order.paid_total - uow.invoices.matched_total(order.order_no)
    invoice, taken = invoice.pay(credit, at) if credit > 0 else (invoice, Decimal(0))
    uow.invoices.add(invoice)
    if taken:
        uow.invoices.match(invoice, taken, at)
    order.note("invoice issued", at,
               f"{stage.replace('_', ' ')} invoice {invoice.amount} ({term.percent}%, "
               f"{receivables.TRIGGER[stage]}), due {invoice.due_date.isoformat()}"
               + (f"; {taken} paid from money already received" if taken else "")
               + " (SAL-10)", refs={"invoice_no": invoice.invoice_no})
    if invoice.status == "open":
        _open_collection_limits(uow, invoice, at)
    return invoice


def _open_collection_limits(uow, invoice: Invoice, at: datetime) -> None:
    uow.deadlines.open(
        SAL10_COLLECT, subject=collect_subject(invoice.invoice_no),
        company_id=invoice.company_id, order_no=invoice.order_no, opened_at=at,
        anchor=_start_of(invoice.due_date), detail=f"{invoice.invoice_no}, {invoice.amount}")
    _open_dunning_limit(uow, invoice, 1, at)


def _open_dunning_limit(uow, invoice: Invoice, level: int, at: datetime) -> None:
    """Step `level` falls due that many days after the due date (the ladder); it is to be
    taken within the limit of that."""
    step = DUNNING_LADDER[level - 1]
    uow.deadlines.open(
        SAL10_DUNNING, subject=dunning_subject(invoice.invoice_no, level),
        company_id=invoice.company_id, order_no=invoice.order_no, opened_at=at,
        anchor=dunning_falls_due(invoice.due_date, level),
        detail=f"{invoice.invoice_no} step {level}: {step.action}")


def dunning_falls_due(due: date, level: int) -> datetime:
    """When dunning step `level` of an invoice due on `due` falls due."""
    return _start_of(date.fromordinal(due.toordinal() + DUNNING_LADDER[level - 1].days_overdue))


def _start_of(day: date) -> datetime:
    return datetime.combine(day, time(0), tzinfo=DEFAULT_CALENDAR.tz)


def payment_received(uow, order: Order, amount: Decimal, at: datetime) -> None:
    """Rule SAL-10: the payment pays the order's open invoices, earliest due first; a paid
    invoice's limits are met (it is never dunned again)."""
    applied, credit = receivables.allocate(uow.invoices.for_order(order.order_no), amount, at)
    for invoice, taken in applied:
        uow.invoices.save(invoice)
        uow.invoices.match(invoice, taken, at)
        if invoice.status == "paid":
            uow.deadlines.meet(SAL10_COLLECT, collect_subject(invoice.invoice_no), at=at)
            if invoice.dunning_level < len(DUNNING_LADDER):
                uow.deadlines.meet(SAL10_DUNNING, dunning_subject(
                    invoice.invoice_no, invoice.dunning_level + 1), at=at)
    if applied:
        order.note("payment matched", at, "; ".join(
            f"{taken} to {invoice.invoice_no} ({invoice.status})" for invoice, taken in applied)
            + (f"; {credit} held as credit" if credit > 0 else "") + " (SAL-10)",
            refs={"invoice_no": applied[0][0].invoice_no})


def payment_reversed(uow, order: Order, amount: Decimal, at: datetime) -> None:
    """Rules SAL-10, LOG-2: a reversed payment first takes back credit not yet matched, then
    un-matches the rest from the paid invoices, latest due first: those invoices are open
    again (and in the aging view) until paid anew, and so are their collection and next
    dunning limits (they breach, and climb, from their due times)."""
    credit = order.paid_total + amount - uow.invoices.matched_total(order.order_no)
    to_unmatch = amount - max(credit, Decimal(0))
    if to_unmatch <= 0:
        return
    taken_back = receivables.unallocate(uow.invoices.for_order(order.order_no), to_unmatch)
    for invoice, back in taken_back:
        uow.invoices.save(invoice)
        uow.invoices.match(invoice, -back, at)
        if invoice.status == "open":  # the payment that met its limits is undone
            uow.deadlines.reopen(SAL10_COLLECT, collect_subject(invoice.invoice_no))
            if invoice.dunning_level < len(DUNNING_LADDER):
                uow.deadlines.reopen(SAL10_DUNNING, dunning_subject(
                    invoice.invoice_no, invoice.dunning_level + 1))
    if taken_back:
        order.note("payment un-matched", at, "; ".join(
            f"{back} taken back from {invoice.invoice_no} (open again)"
            for invoice, back in taken_back) + " (SAL-10)",
            refs={"invoice_no": taken_back[0][0].invoice_no})


# -- the receivables clerk's acts and views --------------------------------------------------------

def run_dunning(actor: Actor, run: DunningRunCreate, limit: int, uow,
                now: datetime | None = None) -> list[DunningNoticePublic]:
    """Rule SAL-10: each overdue, unpaid invoice of the actor's companies gets its next
    dunning step as of the run's date: one step per run, so dunning escalates step by step."""
    at = clock.now(now)
    as_of = run.as_of or DEFAULT_CALENDAR.local(at).date()
    notices = []
    with uow:
        for invoice in uow.invoices.list(actor.companies, status="open", limit=limit):
            step = receivables.next_dunning_step(invoice, as_of)
            if step is None:
                continue
            notice = DunningNotice(
                invoice_no=invoice.invoice_no, order_no=invoice.order_no,
                company_id=invoice.company_id, customer_code=invoice.customer_code,
                level=step.level, action=step.action, addressed_to=step.addressed_to,
                days_overdue=invoice.days_overdue(as_of), amount_open=invoice.open_amount,
                as_of=as_of, issued_at=at, issued_by=actor.username)
            uow.dunning_notices.add(notice)
            uow.invoices.save(invoice.dunned(step.level))
            uow.deadlines.meet(SAL10_DUNNING, dunning_subject(invoice.invoice_no, step.level),
                               at=at)
            if step.level < len(DUNNING_LADDER):
                _open_dunning_limit(uow, invoice, step.level + 1, at)
            order = uow.orders.get(invoice.order_no)
            order.note("dunning", at,
                       f"step {step.level}: {step.action} ({step.addressed_to}) for "
                       f"{invoice.invoice_no}, {notice.amount_open} open, "
                       f"{notice.days_overdue} days overdue as of {as_of.isoformat()} (SAL-10)",
                       refs={"invoice_no": invoice.invoice_no}, actor=actor.username)
            uow.orders.save(order)
            notices.append(notice)
        uow.commit()
    return [notice_public(notice) for notice in notices]


def list_invoices(actor: Actor, order_no: str | None, status: str | None, limit: int,
                  uow) -> list[InvoicePublic]:
    with uow:
        return [invoice_public(each) for each in uow.invoices.list(
            actor.companies, order_no=order_no, status=status and str(status), limit=limit)]


def list_dunning_notices(actor: Actor, order_no: str | None, limit: int,
                         uow) -> list[DunningNoticePublic]:
    with uow:
        return [notice_public(each)
                for each in uow.dunning_notices.list(actor.companies, order_no, limit)]


def receivables_aging(actor: Actor, as_of: date | None, company_id: str | None, uow,
                      now: datetime | None = None) -> AgingPublic:
    """Rule SAL-10: the open invoices by days overdue, per customer and per company; the
    totals are the sums of the open invoices."""
    as_of = as_of or DEFAULT_CALENDAR.local(clock.now(now)).date()
    if company_id is not None and not actor.may_see(company_id):
        raise OrderNotFound(f"company {company_id} not found")
    companies = [company_id] if company_id else actor.companies
    with uow:
        open_invoices = uow.invoices.list(companies, status="open")
    by_company: dict[str, dict[str, list[Invoice]]] = defaultdict(lambda: defaultdict(list))
    for invoice in open_invoices:
        by_company[invoice.company_id][invoice.customer_code].append(invoice)
    return AgingPublic(
        as_of=as_of,
        companies=[CompanyAging(
            company_id=company,
            buckets=_buckets([i for found in customers.values() for i in found], as_of),
            customers=[CustomerAging(customer_code=customer, buckets=_buckets(found, as_of))
                       for customer, found in sorted(customers.items())])
            for company, customers in sorted(by_company.items())],
        total_open=sum((i.open_amount for i in open_invoices), Decimal("0.00")))


def _buckets(found: list[Invoice], as_of: date) -> AgingBuckets:
    return AgingBuckets(**receivables.aging(found, as_of))


def invoice_public(each: Invoice) -> InvoicePublic:
    return InvoicePublic(
        invoice_no=each.invoice_no, order_no=each.order_no, company_id=each.company_id,
        customer_code=each.customer_code, contract_no=each.contract_no, stage=each.stage,
        amount=each.amount, paid=each.paid, open_amount=each.open_amount,
        issued_at=each.issued_at, due_date=each.due_date, status=each.status,
        dunning_level=each.dunning_level, paid_at=each.paid_at)


def notice_public(each: DunningNotice) -> DunningNoticePublic:
    return DunningNoticePublic(**each.__dict__)
