"""Sales' use cases against a real unit of work on in-memory SQLite: no broker, no fakes.

The fast tier (issue 7.6): each test drives handlers.py as the RPC entrypoint would,
and reads what a user would notice — the order, its events, its time limits.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest

from contracts.envelope import new_envelope
from contracts.events.changes import ChangeAnswered
from contracts.events.forecasts import ForecastUpdated
from contracts.events.planning import OrderPlanned
from contracts.rpc.change_notices import (
    ChangeClassification,
    ChangeDateAgreement,
    ChangeNoticeCreate,
)
from contracts.rpc.follow_ups import FollowUpCheck
from contracts.rpc.sales import (
    ContractCreate,
    ImportedOrder,
    OrderCreate,
    OrderImport,
    PaymentCreate,
    PaymentReversalCreate,
)
from sales import change_notices, demo, follow_up, handlers, inbound
from sales.adapters.tables import metadata
from sales.domain.errors import NotAllowedToDecide, OrderNotFound, OrderRejected, StepRefused
from sales.unit_of_work import SalesUnitOfWork
from servicekit import deadlines, inmemory
from servicekit.commands import run_once
from servicekit.rpcs import reply
from servicekit.timelimits import X1_TIME_LIMITS, due_at
from servicekit.workcalendar import DEFAULT_CALENDAR

CLERK = inmemory.actor("alice", roles=["sales_admin"], companies=["P1"])
FINANCE = inmemory.actor("fiona", roles=["contract_management"], companies=["P1"])
P2_CLERK = inmemory.actor("peter", roles=["sales_admin"], companies=["P2"])
REQUESTED = date.today() + timedelta(days=60)
LOG2 = X1_TIME_LIMITS["LOG-2.shipping_instruction"]
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
    sal7 = X1_TIME_LIMITS["SAL-7.production_instruction"].rule_id
    with uow:
        [limit] = [d for d in uow.deadlines.for_order(order_no) if d.rule_id == sal7]
    assert limit.status == "open"
    handlers.issue_production_instruction(CLERK, order_no, uow)
    with uow:
        limits = {d.rule_id: d.status for d in uow.deadlines.for_order(order_no)}
    # SAL-7 met; the instruction opened the follow-up of the confirmed date (SAL-9)
    assert limits == {"SAL-7": "met", "SAL-9": "open", "SAL-10": "met"}  # deposit invoice paid


def instructed_order(uow, requested: date) -> str:
    """An order for `requested`, effective and instructed (SAL-7): its SAL-9 is open."""
    feasible = FEASIBLE | {"earliest_date": requested.isoformat()}
    order = handlers.receive_order(CLERK, order_cmd(lines=[{
        "product_code": "KYN28-12", "quantity": "2",
        "requested_date": requested.isoformat()}]), uow)
    handlers.review_order(CLERK, order.order_no, uow, lambda query: feasible)
    handlers.quote_order(CLERK, order.order_no, uow)
    handlers.sign_contract(CLERK, order.order_no, ContractCreate(deposit_percent="30"), uow)
    deposit = handlers.get_order(CLERK, order.order_no, uow).deposit
    handlers.record_payment(CLERK, order.order_no, PaymentCreate(amount=deposit), uow)
    handlers.issue_production_instruction(CLERK, order.order_no, uow)
    return order.order_no


def sal9(uow, order_no: str):
    with uow:
        [limit] = [d for d in uow.deadlines.for_order(order_no) if d.rule_id == "SAL-9"]
    return limit


def test_a_delivery_too_near_to_follow_up_in_time_breaches_sal9_until_followed_up(uow):
    """X-1, SAL-9: 2-3 working days before a date 1 day away has passed at the instruction;
    nobody followed the order up, so the limit is not met: it breaches, visibly, and only
    the follow-up meets it."""
    order_no = instructed_order(uow, date.today() + timedelta(days=1))
    limit = sal9(uow, order_no)
    assert (limit.status, limit.met_at) == ("open", None)
    assert deadlines.sweep(uow) == 1
    assert sal9(uow, order_no).status == "breached"
    confirmed = handlers.get_order(CLERK, order_no, uow).lines[0].confirmed_date
    follow_up.record_follow_up(CLERK, order_no, FollowUpCheck(confirmed_date=confirmed), uow)
    followed = sal9(uow, order_no)
    assert followed.met_at is not None and followed.breached_at is not None


def planned(uow, order_no: str, completion: datetime) -> None:
    payload = OrderPlanned(order_no=order_no, plan_no="PL-P1-000001",
                           planned_completion=completion, work_orders=[], material_requests=0)
    inbound.order_planned(new_envelope("planning.order_planned", payload, company_id="P1",
                                       order_no=order_no), payload, uow)


def log2(uow, order_no: str):
    with uow:
        [limit] = [d for d in uow.deadlines.for_order(order_no) if d.rule_id == "LOG-2"]
    return limit


def test_the_shipping_instruction_is_due_a_working_day_before_the_confirmed_date(uow):
    """LOG-2: "一般提前1天" before shipping: counted back from the confirmed delivery date, not
    from planning's goods-ready forecast; a manual forecast does not move it."""
    order_no = instructed_order(uow, REQUESTED)
    planned(uow, order_no, datetime.now(UTC) + timedelta(days=20))
    ship_day = DEFAULT_CALENDAR.start_of_business(REQUESTED)
    assert log2(uow, order_no).due_at == due_at(LOG2, ship_day)
    moved = ForecastUpdated(order_no=order_no, forecast_completion=datetime.now(UTC)
                            + timedelta(days=30), reason="manual")
    follow_up.forecast_updated(new_envelope("planning.forecast_updated", moved,
                                            company_id="P1", order_no=order_no), moved, uow)
    assert log2(uow, order_no).due_at == due_at(LOG2, ship_day)


def test_a_change_moving_the_confirmed_date_re_dates_the_follow_up_and_the_instruction(uow):
    """SAL-8.2, SAL-9, LOG-2: the customer agreed a later date: the old date's follow-up is
    closed as superseded (not met), the new date's is opened; LOG-2 moves with the date."""
    order_no = instructed_order(uow, REQUESTED)
    planned(uow, order_no, datetime.now(UTC) + timedelta(days=20))
    later = REQUESTED + timedelta(days=20)
    notice = change_notices.record_change(CLERK, order_no, ChangeNoticeCreate(
        received_at=datetime.now(UTC), received_from="customer, by fax",
        lines=[{"line_no": 1, "quantity": "3"}]), uow)
    change_notices.classify_change(CLERK, notice.change_no, ChangeClassification(
        severity=2, reason="3 cabinets need more time"), uow)
    change_notices.rereview_change(CLERK, notice.change_no, uow, lambda query: FEASIBLE | {
        "earliest_date": later.isoformat()})
    change_notices.agree_change_date(CLERK, notice.change_no, ChangeDateAgreement(
        confirmed_date=later), uow)
    for department in ("planning", "quality", "procurement"):
        answer = ChangeAnswered(change_no=notice.change_no, order_no=order_no,
                                department=department, applied=True)
        change_notices.change_answered(new_envelope(f"{department}.change_answered", answer,
                                                    company_id="P1", order_no=order_no),
                                       answer, uow)
    assert change_notices.get_change(CLERK, notice.change_no, uow).status == "applied"
    with uow:
        follow = {d.subject: (d.status, d.met_at) for d in uow.deadlines.for_order(order_no)
                  if d.rule_id == "SAL-9"}
    assert follow == {
        follow_up.follow_up_subject(order_no, REQUESTED): ("superseded", None),
        follow_up.follow_up_subject(order_no, later): ("open", None)}
    tasks = follow_up.list_follow_ups(CLERK, later, 100, uow)
    assert [task.confirmed_date for task in tasks] == [later]
    assert log2(uow, order_no).due_at == due_at(
        LOG2, DEFAULT_CALENDAR.start_of_business(later))


def test_a_reversed_payment_reopens_the_invoices_collection_limits(uow):  # SAL-10, X-1
    """SAL-10: the deposit paid its invoice and met its limits; the payment bounced: the
    invoice is open again and so are its limits (they breach from the due date again)."""
    order_no = contracted_order(uow)
    deposit = handlers.get_order(CLERK, order_no, uow).deposit
    handlers.record_payment(CLERK, order_no, PaymentCreate(amount=deposit), uow)

    def sal10():
        with uow:
            return {d.limit_key: (d.status, d.met_at) for d in uow.deadlines.for_order(order_no)
                    if d.rule_id == "SAL-10"}

    # paid: both limits are closed by the payment (the deposit falls due today, so paid
    # after the close of business it is met late, as breached: the hour decides which)
    assert set(sal10()) == {"SAL-10.collect_invoice", "SAL-10.dunning_step"}
    assert all(met_at is not None for _, met_at in sal10().values())
    handlers.reverse_payment(FINANCE, order_no, 1, PaymentReversalCreate(reason="bounced"),
                             uow)
    with uow:
        reopened = {d.limit_key: (d.status, d.met_at, d.due_at)
                    for d in uow.deadlines.for_order(order_no) if d.rule_id == "SAL-10"}
    assert set(reopened) == {"SAL-10.collect_invoice", "SAL-10.dunning_step"}
    now = datetime.now(UTC)  # open again: unmet, and breached at once if already past due
    assert all(met_at is None and status == ("breached" if due_at <= now else "open")
               for status, met_at, due_at in reopened.values())


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


# -- a spreadsheet of orders (SAL-1, issue 15) ---------------------------------------------

def imported(*orders: tuple[str, OrderCreate]) -> OrderImport:
    return OrderImport(orders=[ImportedOrder(rows=rows, order=order) for rows, order in orders])


def test_an_imported_spreadsheet_records_every_order_in_it(uow):
    orders = handlers.import_orders(CLERK, imported(("2", order_cmd()), ("3-4", order_cmd(
        customer_code="CUST-002"))), uow)
    assert [o.order_no for o in orders] == ["SO-P1-000001", "SO-P1-000002"]
    assert len(handlers.list_orders(CLERK, None, 100, uow)) == 2
    assert [e.event_type for e in uow.published] == ["sales.order_received"] * 2


def test_a_spreadsheet_with_one_bad_order_is_refused_with_its_rows_and_nothing_is_written(uow):
    batch = imported(("2", order_cmd()), ("3", order_cmd(customer_code="CUST-404")),
                     ("4", order_cmd()))
    with pytest.raises(OrderRejected) as refused:
        handlers.import_orders(CLERK, batch, uow)
    assert refused.value.details["refused"] == [
        {"rows": "3", "reason": "customer CUST-404 is not in P1's customer master"}]
    assert handlers.list_orders(CLERK, None, 100, uow) == []
    assert uow.published == []
    # the numbers the refused file would have used are still free
    assert handlers.receive_order(CLERK, order_cmd(), uow).order_no == "SO-P1-000001"
