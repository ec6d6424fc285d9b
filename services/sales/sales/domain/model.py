"""A customer order as sales holds it, and the steps its state machine allows.

Intake → review → (date agreed | declined | GM sign-off) → quotation → contract →
payment → effective → production instruction (SAL-1..7, ORD-1..3). After the
instruction, sales only *records* what other departments report (SAL-11, LOG-6):
those records move the status forward, never back.

Every step appends a `Step` — the journey as sales saw it (X-3).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

from contracts.events.sales import NonRegularReason, OrderKind, OrderStatus
from sales.domain import pricing
from sales.domain.errors import NotAllowedToDecide, OrderNotFound, OrderRejected, StepRefused

# Who may approve a decline (SAL-4) or sign off a repeat (ORD-3): the company's GM, or the
# group GM above them on the X-2 ladder.
GM_ROLES = ("general_manager", "group_general_manager")
# Sales' finance part: who may take a recorded payment back (LOG-2).
REVERSAL_ROLES = ("contract_management", *GM_ROLES)

RECEIVED = OrderStatus.RECEIVED
AWAITING_DESIGN_REVIEW = OrderStatus.AWAITING_DESIGN_REVIEW
AWAITING_SIGN_OFF = OrderStatus.AWAITING_SIGN_OFF
REVIEWED = OrderStatus.REVIEWED
DATE_INFEASIBLE = OrderStatus.DATE_INFEASIBLE
DECLINED = OrderStatus.DECLINED
QUOTED = OrderStatus.QUOTED
CONTRACTED = OrderStatus.CONTRACTED
EFFECTIVE = OrderStatus.EFFECTIVE
INSTRUCTED = OrderStatus.INSTRUCTED
# Reported by other departments after the instruction, in the order they happen.
DOWNSTREAM = (OrderStatus.PLANNED, OrderStatus.PRODUCED, OrderStatus.STOCKED,
              OrderStatus.SHIPPED, OrderStatus.DELIVERED)
LIVE = (EFFECTIVE, INSTRUCTED, *DOWNSTREAM)
DECLINABLE = (RECEIVED, AWAITING_DESIGN_REVIEW, AWAITING_SIGN_OFF, DATE_INFEASIBLE)


@dataclass
class OrderLine:
    line_no: int
    product_code: str
    spec: str
    quantity: Decimal
    requested_date: date
    confirmed_date: date | None = None
    unit_price: Decimal | None = None


@dataclass(frozen=True)
class Review:
    """Outcome of SAL-2/3 as planning answered it (PLN-2)."""

    feasible: bool
    earliest_date: date
    binding_kind: str
    binding_constraint: str
    reviewed_by: str
    reviewed_at: datetime


@dataclass
class Step:
    """One stage of the order's journey as sales saw it (X-3)."""

    stage: str
    state: str  # done | in_progress | waiting | refused
    started_at: datetime
    ended_at: datetime | None = None
    actor: str | None = None
    summary: str = ""
    refs: dict[str, str] = field(default_factory=dict)


@dataclass
class Payment:
    amount: Decimal
    reference: str
    received_at: datetime
    recorded_by: str


@dataclass
class Contract:
    contract_no: str
    total: Decimal
    deposit_percent: Decimal
    deposit: Decimal
    pay_in_full_before_shipment: bool
    signed_at: datetime
    signed_by: str

    def cleared_for_shipment(self, paid_total: Decimal) -> bool:
        return pricing.cleared_for_shipment(
            paid_total, total=self.total, deposit_amount=self.deposit,
            pay_in_full_before_shipment=self.pay_in_full_before_shipment)


RUSH_APPROVED_STAGE = "rush approved"


@dataclass
class Order:
    order_no: str
    company_id: str
    customer_code: str
    customer_name: str
    customer_grade: str
    kind: OrderKind
    lines: list[OrderLine]
    received_at: datetime
    received_by: str
    status: str
    non_regular_reasons: list[NonRegularReason] = field(default_factory=list)
    repeat_of: str | None = None
    rush: bool = False
    complete_set: bool = False
    project_name: str | None = None
    delivery_address: str = ""
    review: Review | None = None
    design_review: dict | None = None
    quotation_total: Decimal | None = None
    contract: Contract | None = None
    payments: list[Payment] = field(default_factory=list)
    instruction_no: str | None = None
    instructed_at: datetime | None = None
    decline_reason: str | None = None
    planned_completion: datetime | None = None
    status_note: str = ""
    open_service_requests: int = 0
    steps: list[Step] = field(default_factory=list)

    # -- derived -------------------------------------------------------------------
    @property
    def paid_total(self) -> Decimal:
        return sum((p.amount for p in self.payments), Decimal("0"))

    @property
    def non_regular(self) -> bool:
        return self.kind == OrderKind.NON_REGULAR

    def products(self) -> frozenset[tuple[str, str]]:
        return frozenset((line.product_code, line.spec) for line in self.lines)

    # -- journey bookkeeping -----------------------------------------------------------
    def _step(self, stage: str, at: datetime, actor: str | None, summary: str = "",
              state: str = "done", refs: dict | None = None) -> Step:
        step = Step(stage, state, at, at if state == "done" else None, actor, summary,
                    dict(refs or {}))
        self.steps.append(step)
        return step

    def _close_waiting(self, stage: str, at: datetime, state: str = "done") -> None:
        for step in self.steps:
            if step.stage == stage and step.ended_at is None:
                step.state, step.ended_at = state, at

    def _require(self, allowed: tuple[str, ...], doing: str) -> None:
        if self.status not in allowed:
            raise StepRefused(f"order {self.order_no} is {self.status}: cannot {doing} "
                              f"(only when {' or '.join(allowed)})")

    # -- review (SAL-2/3/4, ORD-3) ---------------------------------------------------------
    def check_reviewable(self) -> None:
        """Before asking planning: refuse what no answer could make reviewable."""
        if self.kind == OrderKind.REPEAT:
            raise StepRefused(f"order {self.order_no} is a repeat order: no review: needs GM "
                              "sign-off (ORD-3)")
        if self.status == AWAITING_DESIGN_REVIEW or (self.non_regular and not self.design_review):
            raise StepRefused(f"order {self.order_no} is non-regular: the design review comes "
                              "first (SAL-3)")
        self._require((RECEIVED, DATE_INFEASIBLE), "review it")

    @property
    def design_days(self) -> int:
        return int((self.design_review or {}).get("design_days", 0))

    def record_review(self, review: Review) -> None:
        self.check_reviewable()
        self.review = review
        if review.feasible:
            for line in self.lines:
                line.confirmed_date = line.requested_date
            self.status = REVIEWED
            summary = "requested dates are feasible"
        else:
            self.status = DATE_INFEASIBLE
            summary = (f"infeasible: earliest {review.earliest_date.isoformat()}, "
                       f"bound by {review.binding_constraint}")
        self._step("review", review.reviewed_at, review.reviewed_by, summary,
                   state="done" if review.feasible else "refused",
                   refs={"binding_kind": review.binding_kind})

    def agree_date(self, confirmed_date: date, actor: str, at: datetime, note: str = "") -> None:
        """SAL-4: the customer accepted a later date; it must be one planning can make."""
        self._require((DATE_INFEASIBLE,), "agree a date")
        if confirmed_date < self.review.earliest_date:
            raise OrderRejected(f"{confirmed_date.isoformat()} is before the earliest feasible "
                                f"date {self.review.earliest_date.isoformat()}")
        for line in self.lines:
            line.confirmed_date = max(line.requested_date, confirmed_date)
        self.status = REVIEWED
        summary = f"customer accepted {confirmed_date.isoformat()}"
        self._step("date agreed", at, actor, f"{summary}: {note}" if note else summary)

    def decline(self, reason: str, actor: str, roles: list[str], at: datetime) -> None:
        """SAL-4: declining needs the general manager; the reason is recorded."""
        self._require(DECLINABLE, "decline it")
        if not set(GM_ROLES) & set(roles):
            raise NotAllowedToDecide(
                "declining an order needs the general manager's approval (SAL-4)")
        self._close_waiting("design review awaited", at, "refused")
        self._close_waiting("GM sign-off awaited", at, "refused")
        self.status, self.decline_reason = DECLINED, reason
        self._step("declined", at, actor, reason, state="refused")

    def sign_off_repeat(self, actor: str, roles: list[str], at: datetime) -> None:
        """ORD-3: a repeat order needs only the GM's sign-off, no review."""
        if self.kind != OrderKind.REPEAT:
            raise StepRefused(f"order {self.order_no} is not a repeat order: it is reviewed "
                              "(SAL-2/3), not signed off")
        self._require((AWAITING_SIGN_OFF,), "sign it off")
        if not set(GM_ROLES) & set(roles):
            raise NotAllowedToDecide("a repeat order is signed off by the general manager (ORD-3)")
        for line in self.lines:
            line.confirmed_date = line.requested_date
        self.status = REVIEWED
        self._close_waiting("GM sign-off awaited", at)
        self._step("GM sign-off", at, actor, f"repeat of {self.repeat_of}",
                   refs={"repeat_of": self.repeat_of or ""})

    # -- design review from planning (SAL-3) -----------------------------------------------
    def record_design_review(self, review: dict, at: datetime) -> None:
        self.design_review = review
        verdict = "feasible" if review.get("feasible", True) else "NOT feasible"
        summary = f"design {verdict}, {review.get('design_days', 0)} design days"
        if not review.get("feasible", True):
            self.status_note = ("design found the order infeasible"
                                + (f": {review['notes']}" if review.get("notes") else "")
                                + "; decline (GM) or renegotiate")
        self._close_waiting("design review awaited", at)
        self._step("design reviewed", at, review.get("reviewed_by"), summary)
        if self.status == AWAITING_DESIGN_REVIEW:
            self.status = RECEIVED

    # -- quotation and contract (SAL-5/6) ---------------------------------------------------
    def record_quotation(self, quotation: pricing.Quotation, actor: str, at: datetime) -> None:
        self._require((REVIEWED, QUOTED), "quote it")
        for line in self.lines:
            line.unit_price = quotation.unit_prices[line.line_no]
        self.quotation_total = quotation.total
        self.status = QUOTED
        summary = f"total {quotation.total}"
        if quotation.surcharge:
            summary += (f" incl. custom-change surcharge {quotation.surcharge_percent}% "
                        f"({quotation.surcharge}) on {quotation.subtotal}")
        self._step("quotation", at, actor, summary)

    def sign_contract(self, contract_no: str, deposit_percent: Decimal,
                      pay_in_full_before_shipment: bool, actor: str, signed_at: datetime) -> None:
        self._require((QUOTED,), "sign a contract")
        total = self.quotation_total
        self.contract = Contract(contract_no, total, Decimal(deposit_percent),
                                 pricing.deposit(total, deposit_percent),
                                 pay_in_full_before_shipment, signed_at, actor)
        self.status = CONTRACTED
        terms = "full payment before shipment" if pay_in_full_before_shipment else "deposit"
        self._step("contract", signed_at, actor,
                   f"total {total}, deposit {self.contract.deposit} ({deposit_percent}%), "
                   f"{terms}", refs={"contract_no": contract_no})

    # -- payment (SAL-6, SAL-10) -----------------------------------------------------------
    def record_payment(self, amount: Decimal, reference: str, actor: str, at: datetime) -> bool:
        """Add a payment; True when it made the order effective (deposit now in)."""
        if self.contract is None:
            raise StepRefused(f"order {self.order_no} has no contract yet: no payment "
                              "can be taken (SAL-6)")
        self._require((CONTRACTED, *LIVE), "take a payment")
        pricing.check_payment(amount, paid_total=self.paid_total, total=self.contract.total)
        self.payments.append(Payment(Decimal(amount), reference, at, actor))
        self._step("payment", at, actor,
                   f"{pricing.money(amount)} received, {self.paid_total} of {self.contract.total}",
                   refs={"reference": reference} if reference else None)
        if self.status == CONTRACTED and self.paid_total >= self.contract.deposit:
            self.status = EFFECTIVE
            self._step("effective", at, actor, "contract signed and deposit received (SAL-6)",
                       refs={"contract_no": self.contract.contract_no})
            self._step("production instruction awaited", at, None,
                       "due within 4 working hours (SAL-7)", state="waiting")
            return True
        return False

    def reverse_payment(self, payment_no: int, reason: str, actor: str, roles: list[str],
                        at: datetime) -> Decimal:
        """LOG-2/SAL-10: finance takes back a recorded payment (bounced, recalled); it stays
        on record, offset by a negative entry naming it, so the paid total drops and the
        shipment gate closes again. Returns the amount reversed."""
        if not set(REVERSAL_ROLES) & set(roles):
            raise NotAllowedToDecide("reversing a payment is for contract & order management "
                                     "or the general manager (LOG-2)")
        if not 1 <= payment_no <= len(self.payments) or self.payments[payment_no - 1].amount <= 0:
            raise OrderNotFound(f"order {self.order_no} has no payment no. {payment_no}")
        marker = f"reversal of payment {payment_no}:"
        if any(p.reference.startswith(marker) for p in self.payments):
            raise StepRefused(f"payment {payment_no} of order {self.order_no} is already "
                              f"reversed (LOG-2)")
        amount = self.payments[payment_no - 1].amount
        self.payments.append(Payment(-amount, f"{marker} {reason}"[:100], at, actor))
        self._step("payment reversed", at, actor,
                   f"payment {payment_no} ({pricing.money(amount)}) reversed: {reason}; "
                   f"{self.paid_total} of {self.contract.total} paid (LOG-2)")
        return amount

    @property
    def cleared_for_shipment(self) -> bool:
        return self.contract is not None and self.contract.cleared_for_shipment(self.paid_total)

    # -- rush orders (ORD-4, PLN-9) --------------------------------------------------------------
    @property
    def rush_approved(self) -> bool:
        """Leadership's approval of a rush order, as planning reported it (its journey step)."""
        return any(step.stage == RUSH_APPROVED_STAGE for step in self.steps)

    def record_rush_approval(self, approved_by: str, delayed: list[str], at: datetime) -> None:
        if self.rush_approved:
            return
        victims = ", ".join(delayed) if delayed else "no other order"
        self._step(RUSH_APPROVED_STAGE, at, approved_by,
                   f"rush order approved by {approved_by}; it delays {victims} (PLN-9)")

    def record_redate(self, new_completion: datetime, old_completion: datetime, reason: str,
                      at: datetime) -> None:
        """SAL-11: a re-plan moved the planned completion; sales tells the customer."""
        self.planned_completion = new_completion
        self._step("re-dated", at, None,
                   f"planned completion moved from {old_completion.isoformat()} to "
                   f"{new_completion.isoformat()}: {reason}; tell the customer (SAL-11)")

    # -- production instruction (SAL-7) --------------------------------------------------------
    def issue_instruction(self, instruction_no: str, actor: str, at: datetime) -> None:
        self._require((EFFECTIVE,), "issue the production instruction")
        if self.rush and not self.rush_approved:  # ORD-4, PLN-9: leadership approves first
            raise StepRefused(f"rush order {self.order_no} awaits leadership's approval of its "
                              "impact on other orders (PLN-9): no production instruction yet")
        self.instruction_no, self.instructed_at = instruction_no, at
        self.status = INSTRUCTED
        self._close_waiting("production instruction awaited", at)
        self._step("production instruction", at, actor, "sent to planning",
                   refs={"instruction_no": instruction_no})

    # -- what other departments report (SAL-11, LOG-6) --------------------------------------------
    def advance(self, status: str, stage: str, at: datetime, actor: str | None = None,
                summary: str = "", refs: dict | None = None) -> bool:
        """Record a downstream fact; move the status forward only. False if it came out of
        order (recorded, status kept)."""
        self._step(stage, at, actor, summary, refs=refs)
        if self.status == DECLINED:
            return False
        position = DOWNSTREAM.index(status)
        current = DOWNSTREAM.index(self.status) if self.status in DOWNSTREAM else -1
        if self.status in (INSTRUCTED, *DOWNSTREAM) and position > current:
            self.status = status
            return True
        return False

    def record_escalation(self, rule_id: str, subject: str, escalated_to: str, level: int,
                          due_at: datetime, at: datetime, producer: str) -> None:
        self._step("escalation", at, None,
                   f"{rule_id} ({subject}) missed its {due_at.isoformat()} limit: "
                   f"escalated to {escalated_to} (level {level}) by {producer}",
                   refs={"rule_id": rule_id, "escalated_to": escalated_to})

    def note(self, stage: str, at: datetime, summary: str, refs: dict | None = None,
             actor: str | None = None) -> None:
        self._step(stage, at, actor, summary, refs=refs)


def receive(*, order_no: str, company_id: str, customer: dict, kind: OrderKind,
            lines: list[dict], received_at: datetime, received_by: str,
            non_regular_reasons: list[NonRegularReason], repeat_of: str | None = None,
            rush: bool = False, complete_set: bool = False, project_name: str | None = None,
            delivery_address: str = "") -> Order:
    """Record a customer order with its lines (SAL-1); the status follows the kind."""
    if received_at.tzinfo is None:
        raise OrderRejected("received_at must be timezone-aware")
    if not lines:
        raise OrderRejected("an order needs at least one line")
    order_lines = []
    for number, line in enumerate(lines, start=1):
        if Decimal(line["quantity"]) <= 0:
            raise OrderRejected(f"line {number}: quantity must be positive")
        if line["requested_date"] < received_at.date():
            raise OrderRejected(f"line {number}: requested date is in the past")
        order_lines.append(OrderLine(number, line["product_code"], line.get("spec", ""),
                                     Decimal(line["quantity"]), line["requested_date"]))
    status = {OrderKind.REPEAT: AWAITING_SIGN_OFF,
              OrderKind.NON_REGULAR: AWAITING_DESIGN_REVIEW}.get(kind, RECEIVED)
    order = Order(
        order_no=order_no, company_id=company_id, customer_code=customer["customer_code"],
        customer_name=customer.get("name", ""), customer_grade=customer["grade"], kind=kind,
        lines=order_lines, received_at=received_at, received_by=received_by, status=status,
        non_regular_reasons=list(non_regular_reasons), repeat_of=repeat_of, rush=rush,
        complete_set=complete_set, project_name=project_name,
        delivery_address=delivery_address or customer.get("address", ""),
    )
    summary = f"{kind.value} order, {len(order_lines)} line(s), grade {order.customer_grade}"
    if order.non_regular_reasons:
        summary += f"; non-regular: {', '.join(r.value for r in order.non_regular_reasons)}"
    order._step("order received", received_at, received_by, summary,
                refs={"order_no": order_no})
    if status == AWAITING_DESIGN_REVIEW:
        order._step("design review awaited", received_at, None, "design department (SAL-3)",
                    state="waiting")
    elif status == AWAITING_SIGN_OFF:
        order._step("GM sign-off awaited", received_at, None, f"repeat of {repeat_of} (ORD-3)",
                    state="waiting")
    return order
