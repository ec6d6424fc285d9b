"""Outsourcing (外协, PLN-10): an operation of a work order done by an external partner.

When the company's people or machines are saturated, a special requirement cannot be met
in-house, or a partner has the technique and is better or cheaper (3.5.1.1-3), the product
company proposes to outsource one operation of a work order ("产品公司总经理可考虑进行外协,
报集团总经理核批"): the **group general manager** approves it or not, and until then the
outsourced operation cannot start. The outsourcing order is generated from the BOM and the
routing (3.5.2.2): the routing step says which operation and which in-house work centre it
replaces; what goes out is the part at that step, with the BOM's materials when it is the
routing's first step. Procurement carries it out like a purchase (3.5.2.4):

    proposed --group GM approves--> approved --sent to the partner--> sent
    proposed --group GM rejects--> rejected
    sent --goods back--> received --inspection passed--> completed (the operation is done)
    received --inspection failed--> sent (back to the partner to put right)

Pure: no framework, no I/O.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

from planning.domain.errors import NotAllowedToPlan, PlanningRejected, StepRefused
from planning.domain.master_data import Product

PREFIX = "OS"
CENT = Decimal("0.01")
GROUP_GM_ROLE = "group_general_manager"
# 3.5.1.1 capacity saturated, 3.5.1.2 a special requirement the company cannot meet,
# 3.5.1.3 the partner has the technique: better quality and cheaper
REASONS = ("capacity_saturated", "special_requirement", "partner_better_or_cheaper")
PROPOSED, APPROVED, REJECTED, SENT, RECEIVED, COMPLETED = (
    "proposed", "approved", "rejected", "sent", "received", "completed")
STATUSES = (PROPOSED, APPROVED, REJECTED, SENT, RECEIVED, COMPLETED)
OPEN = (PROPOSED, APPROVED, SENT, RECEIVED)  # not decided against, not back and passed


@dataclass(frozen=True)
class Partner:
    """An external processing partner (外协厂) and the in-house work centres it can stand
    in for, with its usual lead time in working days."""

    partner_code: str
    name: str
    lead_days: int
    work_centres: tuple[str, ...]
    name_zh: str = ""


@dataclass(frozen=True)
class OutgoingItem:
    """What goes to the partner: the part itself, or a BOM material sent with it."""

    item_code: str
    quantity: Decimal
    kind: str  # part | material


@dataclass
class OutsourcingOrder:
    outsourcing_no: str
    company_id: str
    order_no: str
    plan_no: str
    work_order_no: str
    product_code: str
    step: int
    work_centre: str  # the in-house centre the partner stands in for
    last_step: bool  # the routing's last step: its return finishes the work order
    partner_code: str
    partner_name: str
    quantity: Decimal
    unit_price: Decimal
    currency: str
    agreed_return_date: date
    reason: str
    reason_note: str
    items: tuple[OutgoingItem, ...]
    proposed_by: str
    proposed_at: datetime
    status: str = PROPOSED
    decided_by: str | None = None
    decided_at: datetime | None = None
    decision_reason: str = ""
    sent_by: str | None = None
    sent_at: datetime | None = None
    received_by: str | None = None
    received_at: datetime | None = None
    received_quantity: Decimal | None = None
    inspected_by: str | None = None
    inspected_at: datetime | None = None
    inspection_note: str = ""
    returns_to_partner: int = 0
    history: list[str] = field(default_factory=list)

    @property
    def amount(self) -> Decimal:
        return (self.unit_price * self.quantity).quantize(CENT)

    def decide(self, *, approve: bool, reason: str, by: str, roles: list[str],
               at: datetime) -> None:
        """PLN-10: the group general manager approves or rejects it (报集团总经理核批)."""
        if GROUP_GM_ROLE not in roles:
            raise NotAllowedToPlan("only the group general manager approves outsourcing "
                                   "(PLN-10)", {"required_role": GROUP_GM_ROLE})
        if self.status != PROPOSED:
            raise StepRefused(f"outsourcing order {self.outsourcing_no} is already "
                              f"{self.status}", {"status": self.status})
        if not approve and not reason.strip():
            raise PlanningRejected("a rejected outsourcing needs a reason")
        self.status = APPROVED if approve else REJECTED
        self.decided_by, self.decided_at, self.decision_reason = by, at, reason
        self.history.append(f"{at.isoformat()} {self.status} by {by}")

    def send(self, *, by: str, at: datetime) -> None:
        """The outsourced operation starts: the goods leave for the partner. Not before the
        group GM's approval (PLN-10)."""
        if self.status == PROPOSED:
            raise StepRefused(
                f"outsourcing order {self.outsourcing_no} awaits the group general manager's "
                f"approval (PLN-10): step {self.step} of {self.work_order_no} cannot start "
                f"at {self.partner_name} before it", {"status": self.status})
        if self.status != APPROVED:
            raise StepRefused(f"outsourcing order {self.outsourcing_no} is {self.status}, "
                              "not approved", {"status": self.status})
        self.status = SENT
        self.sent_by, self.sent_at = by, at
        self.history.append(f"{at.isoformat()} sent to {self.partner_code} by {by}")

    def receive(self, *, quantity: Decimal, by: str, at: datetime) -> None:
        """The partner returns the goods (checked against the order, as a PO's, PRC-6)."""
        if self.status != SENT:
            raise StepRefused(f"outsourcing order {self.outsourcing_no} is {self.status}: "
                              "only goods sent to the partner come back",
                              {"status": self.status})
        if quantity != self.quantity:
            raise PlanningRejected(
                f"received {quantity.normalize():f} but {self.quantity.normalize():f} "
                f"went to {self.partner_name}: chase the rest before receiving",
                {"received_quantity": str(quantity), "quantity": str(self.quantity)})
        self.status = RECEIVED
        self.received_by, self.received_at, self.received_quantity = by, at, quantity
        self.history.append(f"{at.isoformat()} received {quantity.normalize():f} by {by}")

    def inspect(self, *, passed: bool, note: str, by: str, at: datetime) -> None:
        """Inspection of the returned goods (QLT-2): passed completes the operation; failed
        goes back to the partner to put right."""
        if self.status != RECEIVED:
            raise StepRefused(f"outsourcing order {self.outsourcing_no} is {self.status}: "
                              "only received goods are inspected", {"status": self.status})
        if not passed and not note.strip():
            raise PlanningRejected("a failed inspection needs a note of what is wrong")
        self.inspected_by, self.inspected_at, self.inspection_note = by, at, note
        if passed:
            self.status = COMPLETED
        else:
            self.status = SENT
            self.returns_to_partner += 1
            self.received_by = self.received_at = self.received_quantity = None
        self.history.append(f"{at.isoformat()} inspection {'passed' if passed else 'failed'}"
                            f" by {by}")


def generate(*, outsourcing_no: str, work_order, plan_no: str, product: Product, step: int,
             partner: Partner, unit_price: Decimal, currency: str, agreed_return_date: date,
             earliest_return: date, reason: str, reason_note: str, by: str, at: datetime
             ) -> OutsourcingOrder:
    """The outsourcing order of `step` of `work_order`, from the product's routing and BOM
    (3.5.2.2); refuses a step the routing lacks, a partner that does not do it, a return
    date before the partner's lead time, a reason that is none of PLN-10's."""
    if reason not in REASONS:
        raise PlanningRejected(f"outsourcing needs one of PLN-10's reasons: "
                               f"{', '.join(REASONS)}", {"reason": reason})
    routing = {s.step: s for s in product.routing}
    if step not in routing:
        raise PlanningRejected(f"the routing of {product.product_code} has no step {step}",
                               {"steps": ",".join(str(s) for s in sorted(routing))})
    centre = routing[step].work_centre
    if centre not in partner.work_centres:
        raise PlanningRejected(f"{partner.name} does not do the work of {centre} (step {step})",
                               {"partner_code": partner.partner_code, "work_centre": centre})
    if unit_price <= 0:
        raise PlanningRejected("the agreed unit price must be positive")
    if agreed_return_date < earliest_return:
        raise PlanningRejected(
            f"{partner.name} needs {partner.lead_days} working days: the earliest return "
            f"is {earliest_return.isoformat()}", {"earliest_return": earliest_return.isoformat()})
    quantity = work_order.quantity
    items = [OutgoingItem(product.product_code, quantity, "part")]
    if step == min(routing):  # the first operation: the raw materials go out with it
        items += [OutgoingItem(line.material_code, line.quantity * quantity, "material")
                  for line in product.bom]
    return OutsourcingOrder(
        outsourcing_no=outsourcing_no, company_id=work_order.company_id,
        order_no=work_order.order_no, plan_no=plan_no,
        work_order_no=work_order.work_order_no, product_code=product.product_code,
        step=step, work_centre=centre, last_step=step == max(routing),
        partner_code=partner.partner_code, partner_name=partner.name, quantity=quantity,
        unit_price=unit_price, currency=currency, agreed_return_date=agreed_return_date,
        reason=reason, reason_note=reason_note, items=tuple(items), proposed_by=by,
        proposed_at=at, history=[f"{at.isoformat()} proposed by {by}"])


def refuse_a_second(existing: list[OutsourcingOrder], work_order_no: str, step: int) -> None:
    """One open outsourcing order per operation."""
    for order in existing:
        if order.work_order_no == work_order_no and order.step == step \
                and order.status in OPEN:
            raise StepRefused(f"step {step} of {work_order_no} is already outsourced: "
                              f"{order.outsourcing_no} ({order.status})",
                              {"outsourcing_no": order.outsourcing_no})


def blocking_completion(existing: list[OutsourcingOrder], work_order_no: str
                        ) -> OutsourcingOrder | None:
    """An outsourced operation of the work order that is not back and passed: the work
    order cannot be completed before it (PLN-10, PLN-12)."""
    return next((o for o in existing if o.work_order_no == work_order_no
                 and o.status in OPEN), None)


def deadline_subject(outsourcing_no: str) -> str:
    return f"outsourcing:{outsourcing_no}"
