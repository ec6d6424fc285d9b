"""Receivables (收回货款, SAL-10): invoices per the contract's payment terms, payments matched
to them, aging, and dunning (催款) that escalates step by step until collected.

- Terms are data: each names a stage (its trigger), a share of the contract and the days
  after the trigger it is due. The deposit is invoiced on signing, the balance before
  shipment once the goods are ready, the retention after acceptance (delivery).
- A payment pays the open invoices of its order, earliest due first; money that arrives
  before its invoice waits as credit and pays the invoice when it is issued.
- Dunning: the source says finance urges the salesperson "按订单合同回款时间 ... 直至货款回收"
  (at the contract's collection dates, until collected). Each run gives an overdue invoice
  at most its next step of the ladder below, so it escalates step by step; a paid invoice
  is never dunned again.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from decimal import Decimal

from sales.domain.errors import OrderRejected
from sales.domain.pricing import money

DEPOSIT, BEFORE_SHIPMENT, AFTER_ACCEPTANCE = "deposit", "before_shipment", "after_acceptance"
STAGES = (DEPOSIT, BEFORE_SHIPMENT, AFTER_ACCEPTANCE)
TRIGGER = {DEPOSIT: "on signing", BEFORE_SHIPMENT: "when the goods are ready",
           AFTER_ACCEPTANCE: "after acceptance"}
RETENTION_DAYS = 30  # the default retention's due days, when goods may leave on the deposit
HUNDRED = Decimal(100)


@dataclass(frozen=True)
class PaymentTerm:
    stage: str
    percent: Decimal
    due_days: int


def default_terms(deposit_percent: Decimal, pay_in_full_before_shipment: bool
                  ) -> tuple[PaymentTerm, ...]:
    """The terms the contract's two fields imply (SAL-6): the deposit on signing, the rest
    before shipment, or after acceptance when goods may leave on the deposit."""
    deposit, rest = Decimal(deposit_percent), HUNDRED - Decimal(deposit_percent)
    terms = [PaymentTerm(DEPOSIT, deposit, 0)] if deposit > 0 else []
    if rest > 0:
        terms.append(PaymentTerm(BEFORE_SHIPMENT, rest, 0) if pay_in_full_before_shipment
                     else PaymentTerm(AFTER_ACCEPTANCE, rest, RETENTION_DAYS))
    return tuple(terms)


def check_terms(terms: Iterable[PaymentTerm]) -> tuple[PaymentTerm, ...]:
    """Each stage once, each share above 0, together 100% of the contract."""
    terms = tuple(sorted(terms, key=lambda term: STAGES.index(term.stage)))
    stages = [term.stage for term in terms]
    if len(set(stages)) != len(stages):
        raise OrderRejected("each payment stage may appear once in the terms (SAL-10)")
    if any(term.percent <= 0 for term in terms):
        raise OrderRejected("each payment term needs a share above 0% (SAL-10)")
    total = sum((term.percent for term in terms), Decimal(0))
    if total != HUNDRED:
        raise OrderRejected(f"the payment terms add up to {total}%, not 100% (SAL-10)")
    return terms


def deposit_percent(terms: tuple[PaymentTerm, ...]) -> Decimal:
    return next((term.percent for term in terms if term.stage == DEPOSIT), Decimal(0))


def paid_in_full_before_shipment(terms: tuple[PaymentTerm, ...]) -> bool:
    return all(term.stage != AFTER_ACCEPTANCE for term in terms)


def stage_amount(total: Decimal, terms: tuple[PaymentTerm, ...], stage: str) -> Decimal:
    """The stage's share of the contract total in cents; the last stage takes the rounding
    remainder, so the invoices add up to the total exactly."""
    amounts = {term.stage: money(Decimal(total) * term.percent / HUNDRED) for term in terms}
    last = terms[-1].stage
    amounts[last] = money(Decimal(total)) - sum(
        (amount for stage_, amount in amounts.items() if stage_ != last), Decimal(0))
    return amounts[stage]


@dataclass(frozen=True)
class Invoice:
    invoice_no: str
    order_no: str
    company_id: str
    customer_code: str
    contract_no: str
    stage: str
    amount: Decimal
    issued_at: datetime
    due_date: date
    paid: Decimal = Decimal(0)
    paid_at: datetime | None = None
    dunning_level: int = 0

    @property
    def open_amount(self) -> Decimal:
        return self.amount - self.paid

    @property
    def status(self) -> str:
        return "paid" if self.open_amount <= 0 else "open"

    def days_overdue(self, as_of: date) -> int:
        return (as_of - self.due_date).days

    def pay(self, amount: Decimal, at: datetime) -> tuple[Invoice, Decimal]:
        """Apply up to `amount`; the invoice and what it took."""
        taken = min(amount, self.open_amount)
        paid = self.paid + taken
        return replace(self, paid=paid, paid_at=at if paid >= self.amount else None), taken

    def dunned(self, level: int) -> Invoice:
        return replace(self, dunning_level=level)


def due_date(issued_on: date, term: PaymentTerm) -> date:
    return issued_on + timedelta(days=term.due_days)


def allocate(invoices: list[Invoice], amount: Decimal, at: datetime
             ) -> tuple[list[tuple[Invoice, Decimal]], Decimal]:
    """A payment pays the open invoices earliest due first; what is left stays credit."""
    applied: list[tuple[Invoice, Decimal]] = []
    left = Decimal(amount)
    for invoice in sorted(invoices, key=lambda each: (each.due_date, each.invoice_no)):
        if left <= 0:
            break
        if invoice.open_amount <= 0:
            continue
        invoice, taken = invoice.pay(left, at)
        applied.append((invoice, taken))
        left -= taken
    return applied, left


def unallocate(invoices: list[Invoice], amount: Decimal
               ) -> list[tuple[Invoice, Decimal]]:
    """A reversed payment is taken back from the paid invoices latest due first (the reverse
    of `allocate`), so each is open again for what it lost."""
    taken_back: list[tuple[Invoice, Decimal]] = []
    left = Decimal(amount)
    for invoice in sorted(invoices, key=lambda each: (each.due_date, each.invoice_no),
                          reverse=True):
        if left <= 0:
            break
        back = min(left, invoice.paid)
        if back <= 0:
            continue
        taken_back.append((replace(invoice, paid=invoice.paid - back, paid_at=None), back))
        left -= back
    return taken_back


@dataclass(frozen=True)
class DunningStep:
    level: int
    days_overdue: int  # from this many days after the due date
    action: str
    addressed_to: str


# The ladder (X-2 for money): the salesperson reminds the customer, then the department
# leader demands, then the general manager's final notice, then legal action.
DUNNING_LADDER = (
    DunningStep(1, 1, "payment reminder to the customer", "salesperson"),
    DunningStep(2, 15, "formal demand for payment", "department_leader"),
    DunningStep(3, 30, "final notice before legal action", "general_manager"),
    DunningStep(4, 60, "collection by legal action", "general_manager"),
)


def next_dunning_step(invoice: Invoice, as_of: date) -> DunningStep | None:
    """The one step an unpaid invoice is due for as of `as_of`, if any: the step after the
    last one taken, once the invoice is that many days overdue."""
    if invoice.status == "paid" or invoice.dunning_level >= len(DUNNING_LADDER):
        return None
    step = DUNNING_LADDER[invoice.dunning_level]
    return step if invoice.days_overdue(as_of) >= step.days_overdue else None


@dataclass(frozen=True)
class DunningNotice:
    invoice_no: str
    order_no: str
    company_id: str
    customer_code: str
    level: int
    action: str
    addressed_to: str
    days_overdue: int
    amount_open: Decimal
    as_of: date
    issued_at: datetime
    issued_by: str


BUCKETS = (("current", None), ("days_1_30", 30), ("days_31_60", 60), ("days_61_90", 90),
           ("over_90", None))


def bucket_of(invoice: Invoice, as_of: date) -> str:
    days = invoice.days_overdue(as_of)
    if days <= 0:
        return "current"
    for name, upto in BUCKETS[1:-1]:
        if days <= upto:
            return name
    return "over_90"


def aging(invoices: Iterable[Invoice], as_of: date) -> dict[str, Decimal]:
    """The open amounts by bucket, and their total (which is the sum of the open invoices)."""
    sums = {name: Decimal("0.00") for name, _ in BUCKETS}
    for invoice in invoices:
        if invoice.open_amount > 0:
            sums[bucket_of(invoice, as_of)] += invoice.open_amount
    sums["total_open"] = sum((sums[name] for name, _ in BUCKETS), Decimal("0.00"))
    return sums
