"""Sales' use cases against a real unit of work on in-memory SQLite: no broker, no fakes.

The fast tier (issue 7.6): each test drives handlers.py as the RPC entrypoint would,
and reads what a user would notice — the order, its events, its time limits.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest

from contracts.rpc.sales import ContractCreate, OrderCreate, PaymentCreate
from sales import demo, handlers
from sales.adapters.tables import metadata
from sales.domain.errors import NotAllowedToDecide, OrderNotFound, OrderRejected, StepRefused
from sales.unit_of_work import SalesUnitOfWork
from servicekit import inmemory
from servicekit.commands import run_once
from servicekit.rpcs import reply
from servicekit.timelimits import X1_TIME_LIMITS

CLERK = inmemory.actor("alice", roles=["sales_admin"], companies=["P1"])
P2_CLERK = inmemory.actor("peter", roles=["sales_admin"], companies=["P2"])
REQUESTED = date.today() + timedelta(days=60)
FEASIBLE = {"feasible": True, "earliest_date": REQUESTED.isoformat(), "binding_kind": "none",
            "binding_constraint": "", "per_line": []}


@pytest.fixture
def uow():
    return inmemory.unit_of_work(SalesUnitOfWork, metadata, seed=demo.seed)


def order_cmd(**overrides) -> OrderCreate:
    fields = {"company_id": "P1", "customer_code": "CUST-001",
              "lines": [{"product_code": "KYN28-12", "quantity": "2",
                         "requested_date": REQUESTED.isoformat()}]}
    return OrderCreate.model_validate(fields | overrides)


def contracted_order(uow) -> str:
    order = handlers.receive_order(CLERK, order_cmd(), uow)
    handlers.review_order(CLERK, order.order_no, uow, lambda query: FEASIBLE)
    handlers.quote_order(CLERK, order.order_no, uow)
    handlers.sign_contract(CLERK, order.order_no, ContractCreate(deposit_percent="30"), uow)
    return order.order_no


def test_a_received_order_gets_a_number_and_tells_the_others(uow):
    order = handlers.receive_order(CLERK, order_cmd(), uow)
    assert order.order_no == "SO-P1-000001"
    assert order.customer_grade  # from the customer master (SAL-1)
    assert [e.event_type for e in uow.published] == ["sales.order_received"]


def test_an_unknown_customer_is_rejected_and_nothing_is_recorded(uow):
    with pytest.raises(OrderRejected, match="CUST-404"):
        handlers.receive_order(CLERK, order_cmd(customer_code="CUST-404"), uow)
    assert handlers.list_orders(CLERK, None, 100, uow) == []
    assert uow.published == []


def test_another_companys_order_is_not_found(uow):
    order = handlers.receive_order(CLERK, order_cmd(), uow)
    with pytest.raises(OrderNotFound):
        handlers.get_order(P2_CLERK, order.order_no, uow)


def test_a_clerk_may_not_take_orders_for_another_company(uow):
    with pytest.raises(NotAllowedToDecide):
        handlers.receive_order(P2_CLERK, order_cmd(), uow)


def test_a_contract_before_the_quotation_is_refused(uow):
    order = handlers.receive_order(CLERK, order_cmd(), uow)
    with pytest.raises(StepRefused, match="quotation first"):
        handlers.sign_contract(CLERK, order.order_no, ContractCreate(), uow)


def test_the_deposit_makes_the_order_effective_and_opens_the_sal7_limit(uow):
    order_no = contracted_order(uow)
    deposit = handlers.get_order(CLERK, order_no, uow).deposit
    paid = handlers.record_payment(CLERK, order_no, PaymentCreate(amount=deposit), uow)
    assert paid.status == "effective"
    with uow:
        [limit] = uow.deadlines.for_order(order_no)
    assert limit.rule_id == X1_TIME_LIMITS["SAL-7.production_instruction"].rule_id
    assert limit.status == "open"
    handlers.issue_production_instruction(CLERK, order_no, uow)
    with uow:
        [limit] = uow.deadlines.for_order(order_no)
    assert limit.status == "met"


def test_a_repeated_payment_command_is_recorded_once_and_answered_the_same(uow):
    order_no = contracted_order(uow)
    payment = PaymentCreate(amount=Decimal("1000.00"), reference="bank 1")

    def pay():
        return run_once(uow, "alice:key-1", "record_payment", [order_no, payment.model_dump()],
                        lambda: reply(handlers.record_payment(CLERK, order_no, payment, uow)))

    first, second = pay(), pay()
    assert first == second
    assert Decimal(handlers.get_order(CLERK, order_no, uow).paid_total) == Decimal("1000.00")
    confirmed = [e for e in uow.published if e.event_type == "sales.payment_confirmed"]
    assert len(confirmed) == 1


def test_a_command_id_reused_for_another_request_is_rejected(uow):
    from contracts.errors import InvalidRequest

    order_no = contracted_order(uow)

    def pay(amount):
        payment = PaymentCreate(amount=Decimal(amount))
        return run_once(uow, "alice:key-2", "record_payment", [order_no, payment.model_dump()],
                        lambda: reply(handlers.record_payment(CLERK, order_no, payment, uow)))

    pay("10.00")
    with pytest.raises(InvalidRequest, match="different"):
        pay("20.00")


def test_a_refused_command_records_nothing_so_it_may_be_sent_again(uow):
    order = handlers.receive_order(CLERK, order_cmd(), uow)

    def sign():
        return run_once(uow, "alice:key-3", "sign_contract", [order.order_no],
                        lambda: reply(handlers.sign_contract(CLERK, order.order_no,
                                                             ContractCreate(), uow)))

    with pytest.raises(StepRefused):
        sign()
    handlers.review_order(CLERK, order.order_no, uow, lambda query: FEASIBLE)
    handlers.quote_order(CLERK, order.order_no, uow)
    assert sign()["status"] == "contracted"


def test_an_absurd_quantity_or_date_is_refused_at_the_edge():
    from pydantic import ValidationError

    for line in ({"quantity": "100000"}, {"quantity": ""}, {"requested_date": "9999-01-01"}):
        fields = {"product_code": "KYN28-12", "quantity": "2",
                  "requested_date": REQUESTED.isoformat()} | line
        with pytest.raises(ValidationError):
            order_cmd(lines=[fields])


def test_planning_refusing_the_question_is_said_in_its_own_words(uow):
    order = handlers.receive_order(CLERK, order_cmd(), uow)

    def refuses(query):
        raise handlers.PlanningRefused("work beyond the 800-day horizon")

    with pytest.raises(StepRefused, match="800-day horizon"):
        handlers.review_order(CLERK, order.order_no, uow, refuses)
    assert handlers.get_order(CLERK, order.order_no, uow).status == "received"
