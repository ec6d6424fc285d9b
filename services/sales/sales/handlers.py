"""Sales use cases: plain functions `f(actor, payload..., uow)`; `with uow: ...; uow.commit()`.

They scope every order to the actor's companies (another company's order is not
found), raise sales' refusals (domain/errors.py; servicekit.rpcs maps them to wire
errors), and emit sales' events through the outbox in the same transaction as the
change.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime

from pydantic import ValidationError

from contracts.events.sales import OrderKind
from contracts.rpc.common import Actor
from contracts.rpc.planning import FeasibilityAnswer, FeasibilityLine, FeasibilityQuery
from contracts.rpc.sales import (
    ContractCreate,
    CustomerPublic,
    DateAgreement,
    DeclineCreate,
    OrderCreate,
    OrderImport,
    OrderPublic,
    PaymentCreate,
    PaymentReversalCreate,
)
from sales import events, handlers_receivables, views
from sales.domain import classification, model, pricing, receivables
from sales.domain.errors import NotAllowedToDecide, OrderNotFound, OrderRejected, StepRefused
from servicekit import clock
from servicekit.timelimits import X1_TIME_LIMITS

log = logging.getLogger(__name__)

SAL7 = X1_TIME_LIMITS["SAL-7.production_instruction"]


class PlanningUnavailable(Exception):
    """planning could not answer: not running or timed out."""


class PlanningRefused(Exception):
    """planning answered, and refused the question (beyond its horizon, over its budget)."""


def _load(uow, actor: Actor, order_no: str) -> model.Order:
    order = uow.orders.get(order_no)
    if order is None or not actor.may_see(order.company_id):
        raise OrderNotFound(f"order {order_no} not found")
    return order


def _change(actor: Actor, order_no: str, uow,
            step: Callable[[model.Order], None]) -> OrderPublic:
    """Load, apply one domain step (it may emit through uow), save, commit."""
    with uow:
        order = _load(uow, actor, order_no)
        step(order)
        uow.orders.save(order)
        uow.commit()
    return views.order_public(order)


# -- intake (SAL-1, ORD-1..3) ---------------------------------------------------------------

def receive_order(actor: Actor, cmd: OrderCreate, uow, now: datetime | None = None
                  ) -> OrderPublic:
    now = now or clock.now()
    with uow:
        order = _record_order(actor, cmd, uow, now)
        uow.commit()
    return views.order_public(order)


def import_orders(actor: Actor, batch: OrderImport, uow, now: datetime | None = None
                  ) -> list[OrderPublic]:
    """SAL-1 for a customer's spreadsheet: every order recorded, or none. Each refused order
    is named by its spreadsheet rows with its reason; one refused leaves nothing written
    (the transaction is not committed, so numbers and events go with it)."""
    now = now or clock.now()
    with uow:
        orders, refused = [], []
        for item in batch.orders:
            try:
                orders.append(_record_order(actor, item.order, uow, now))
            except (OrderRejected, NotAllowedToDecide) as exc:
                refused.append({"rows": item.rows, "reason": exc.message})
        if refused:
            raise OrderRejected(
                f"{len(refused)} of {len(batch.orders)} orders refused, nothing recorded: "
                + "; ".join(f"rows {r['rows']}: {r['reason']}" for r in refused),
                {"refused": refused})
        uow.commit()
    return [views.order_public(order) for order in orders]


def _record_order(actor: Actor, cmd: OrderCreate, uow, now: datetime) -> model.Order:
    """Check and record one order in the open unit of work (SAL-1, ORD-1..3); no commit."""
    if not actor.may_see(cmd.company_id):
        raise NotAllowedToDecide(f"{actor.username} may not take orders for company "
                                 f"{cmd.company_id}")
    customer = uow.reference.customer(cmd.company_id, cmd.customer_code)
    if customer is None:
        raise OrderRejected(f"customer {cmd.customer_code} is not in {cmd.company_id}'s "
                            "customer master")
    prices = uow.reference.prices(cmd.company_id)
    for number, line in enumerate(cmd.lines, start=1):
        if line.product_code not in prices:
            raise OrderRejected(f"line {number}: {line.product_code} is not in "
                                f"{cmd.company_id}'s price list")
    kind = classification.classify(cmd.repeat_of, cmd.non_regular_reasons)
    if kind == OrderKind.REPEAT:
        earlier = uow.orders.get(cmd.repeat_of)
        classification.check_repeat(
            company_id=cmd.company_id, customer_code=cmd.customer_code,
            products=[(line.product_code, line.spec) for line in cmd.lines],
            repeat_of=cmd.repeat_of,
            earlier=earlier and classification.EarlierOrder(
                earlier.order_no, earlier.company_id, earlier.customer_code,
                earlier.products(), declined=earlier.status == model.DECLINED))
    order_no = uow.numbers.next("SO", cmd.company_id)
    order = model.receive(
        order_no=order_no, company_id=cmd.company_id, customer=customer, kind=kind,
        lines=[line.model_dump() for line in cmd.lines], received_at=now,
        received_by=actor.username, non_regular_reasons=cmd.non_regular_reasons,
        repeat_of=cmd.repeat_of, rush=cmd.rush, complete_set=cmd.complete_set,
        project_name=cmd.project_name, delivery_address=cmd.delivery_address)
    uow.orders.add(order)
    events.order_received(uow, order)
    return order


def get_order(actor: Actor, order_no: str, uow) -> OrderPublic:
    with uow:
        return views.order_public(_load(uow, actor, order_no))


def list_orders(actor: Actor, status: str | None, limit: int, uow,
                after: str | None = None) -> list[OrderPublic]:
    with uow:
        return [views.order_public(o)
                for o in uow.orders.list(actor.companies, status, limit, after)]


def list_customers(actor: Actor, uow) -> list[CustomerPublic]:
    with uow:
        return [CustomerPublic(**row) for row in uow.reference.customers(actor.companies)]


def journey(actor: Actor, order_no: str, uow) -> list:
    with uow:
        order = uow.orders.get(order_no)
        if order is None or not actor.may_see(order.company_id):
            return []  # every service answers an empty journey for what it does not hold
        return views.journey(order)


def order_and_journey(actor: Actor, order_no: str, uow) -> tuple[OrderPublic, list]:
    """X-3: the order and its stages from one read (the journey view's call to sales);
    OrderNotFound when the actor may not see it."""
    with uow:
        order = _load(uow, actor, order_no)
        return views.order_public(order), views.journey(order)


# -- review (SAL-2/3/4, ORD-3) --------------------------------------------------------------

def review_order(actor: Actor, order_no: str, uow,
                 check_feasibility: Callable[[dict], dict]) -> OrderPublic:
    """Ask planning (PLN-2) whether the requested dates hold. The call happens outside
    any transaction: a slow planning must not hold sales' database."""
    with uow:
        order = _load(uow, actor, order_no)
        order.check_reviewable()
        query = FeasibilityQuery(
            company_id=order.company_id, order_no=order.order_no,
            design_days=order.design_days if order.non_regular else 0,
            lines=[FeasibilityLine(product_code=line.product_code, quantity=line.quantity,
                                   requested_date=line.requested_date) for line in order.lines])
    answer = ask_planning(f"order {order_no}", query, check_feasibility)
    review = model.Review(answer.feasible, answer.earliest_date, answer.binding_kind,
                          answer.binding_constraint, actor.username, clock.now())
    return _change(actor, order_no, uow, lambda order: order.record_review(review))


def ask_planning(what: str, query: FeasibilityQuery,
                 check_feasibility: Callable[[dict], dict]) -> FeasibilityAnswer:
    """Planning's feasibility answer (PLN-2) for `what` (an order, a change), its failures
    as refusals that say why."""
    try:
        return FeasibilityAnswer.model_validate(
            check_feasibility(query.model_dump(mode="json")))
    except PlanningRefused as exc:
        raise StepRefused(f"cannot review {what}: planning refused the feasibility "
                          f"check: {exc}") from None
    except PlanningUnavailable as exc:
        raise StepRefused(f"cannot review {what} now: planning could not answer the "
                          f"feasibility check ({exc}); try again shortly") from None
    except ValidationError as exc:
        raise StepRefused(f"cannot review {what}: planning's answer was not a "
                          f"FeasibilityAnswer ({exc.error_count()} errors)") from None


def agree_date(actor: Actor, order_no: str, agreement: DateAgreement, uow) -> OrderPublic:
    return _change(actor, order_no, uow, lambda order: order.agree_date(
        agreement.confirmed_date, actor.username, clock.now(), agreement.note))


def decline_order(actor: Actor, order_no: str, decline: DeclineCreate, uow) -> OrderPublic:
    def step(order: model.Order) -> None:
        order.decline(decline.reason, actor.username, actor.roles, clock.now())
        events.order_declined(uow, order, approved_by=actor.username)

    return _change(actor, order_no, uow, step)


def sign_off_repeat(actor: Actor, order_no: str, uow) -> OrderPublic:
    return _change(actor, order_no, uow,
                   lambda order: order.sign_off_repeat(actor.username, actor.roles, clock.now()))


# -- quotation, contract, payment (SAL-5/6/10) -------------------------------------------------

def quote_order(actor: Actor, order_no: str, uow) -> OrderPublic:
    def step(order: model.Order) -> None:
        quotation = pricing.quote(
            [(line.line_no, line.product_code, line.quantity) for line in order.lines],
            uow.reference.prices(order.company_id), non_regular=order.non_regular,
            surcharge_percent=uow.reference.surcharge_percent())
        order.record_quotation(quotation, actor.username, clock.now())

    return _change(actor, order_no, uow, step)


def sign_contract(actor: Actor, order_no: str, contract: ContractCreate, uow) -> OrderPublic:
    def step(order: model.Order) -> None:
        if order.status != model.QUOTED:  # refuse before spending a contract number
            raise StepRefused(f"order {order_no} is {order.status}: a contract needs a "
                              "quotation first (SAL-5/6)")
        terms = handlers_receivables.contract_terms(contract)  # rule SAL-10: terms as data
        contract_no = uow.numbers.next("CT", order.company_id)
        signed_at = contract.signed_at or clock.now()
        order.sign_contract(contract_no, receivables.deposit_percent(terms),
                            receivables.paid_in_full_before_shipment(terms), actor.username,
                            signed_at)
        handlers_receivables.contract_signed(uow, order, terms, signed_at)

    return _change(actor, order_no, uow, step)


def record_payment(actor: Actor, order_no: str, payment: PaymentCreate, uow) -> OrderPublic:
    def step(order: model.Order) -> None:
        now = clock.now()
        became_effective = order.record_payment(payment.amount, payment.reference,
                                                actor.username, now)
        handlers_receivables.payment_received(uow, order, payment.amount, now)  # SAL-10
        events.payment_confirmed(uow, order, payment.amount)
        if became_effective:
            events.order_effective(uow, order)
            uow.deadlines.open(  # rule SAL-7: instruction within 4 working hours
                SAL7, subject=f"order {order.order_no}", company_id=order.company_id,
                order_no=order.order_no, opened_at=now)

    return _change(actor, order_no, uow, step)


def reverse_payment(actor: Actor, order_no: str, payment_no: int,
                    reversal: PaymentReversalCreate, uow) -> OrderPublic:
    """Rules LOG-2, SAL-10: the payment taken back, its invoices open again, and logistics
    told (by the outbox) so dispatch is refused until the balance is paid anew."""
    def step(order: model.Order) -> None:
        now = clock.now()
        amount = order.reverse_payment(payment_no, reversal.reason, actor.username,
                                       actor.roles, now)
        handlers_receivables.payment_reversed(uow, order, amount, now)
        events.payment_reversed(uow, order, payment_no, amount, reversal.reason)

    return _change(actor, order_no, uow, step)


def issue_production_instruction(actor: Actor, order_no: str, uow) -> OrderPublic:
    def step(order: model.Order) -> None:
        if order.status != model.EFFECTIVE:
            raise StepRefused(f"order {order_no} is {order.status}: the production instruction "
                              "follows an effective order (SAL-6/7)")
        now = clock.now()
        number = uow.numbers.next("PI", order.company_id)
        order.issue_instruction(number, actor.username, now)
        events.production_instruction_issued(uow, order)
        uow.deadlines.meet(SAL7, f"order {order.order_no}", at=now)  # rule SAL-7
        from sales.follow_up import open_follow_ups  # SAL-9 (it imports this module)
        open_follow_ups(order, uow, now)

    return _change(actor, order_no, uow, step)


# -- what other departments tell sales ---------------------------------------------------------

def on_order_event(order_no: str | None, uow, record: Callable[[model.Order], None],
                   event_type: str) -> None:
    """Apply `record` to the order if sales holds it; an order sales does not know is
    logged and acknowledged, not retried (it will never appear)."""
    with uow:
        order = uow.orders.get(order_no) if order_no else None
        if order is None:
            log.warning("%s for unknown order %s: ignored", event_type, order_no)
        else:
            record(order)
            uow.orders.save(order)
        uow.commit()  # marks the event handled either way
