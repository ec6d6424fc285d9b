"""Logistics' use cases against a real unit of work on in-memory SQLite: no broker, no fakes.

The fast tier (issue 7.6): each test feeds the other departments' events to inbound.py
and drives handlers.py as the RPC entrypoints would, then reads what a user would
notice — the store, the shipment, its events, its time limits, the journey.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from contracts.envelope import new_envelope
from contracts.events.forecasts import ForecastUpdated
from contracts.events.planning import CompletionForecastChanged, OrderPlanned
from contracts.events.quality import FinalInspectionPassed
from contracts.events.sales import (
    ConfirmedLine,
    InstructedLine,
    OrderEffective,
    PaymentConfirmed,
    ShippingInstructionIssued,
)
from contracts.rpc.logistics import (
    ClaimSettlement,
    DelayReport,
    DeliveryConfirm,
    DispatchCreate,
    InvestigationOutcome,
    MissingPartsShipmentCreate,
    NotReceivedReport,
    PackagingNoticeCreate,
    ShipmentCreate,
)
from logistics import demo, feedback, handlers, handlers_flow, inbound, packaging
from logistics.adapters.tables import metadata
from logistics.domain.errors import (
    NotOnRecord,
    PaymentNotConfirmed,
    ShippingRefused,
    ShippingRejected,
)
from logistics.unit_of_work import LogisticsUnitOfWork
from servicekit import deadlines, inmemory
from servicekit.commands import run_once
from servicekit.db import WriteGate
from servicekit.rpcs import reply
from servicekit.timelimits import X1_TIME_LIMITS, due_at
from servicekit.uow import DuplicateEvent, Inbound

ORDER_NO = "SO-P1-000001"
CLERK = inmemory.actor("li.logistics", roles=["logistics"], companies=["P1"])
P2_CLERK = inmemory.actor("wang.logistics", roles=["logistics"], companies=["P2"])
GROUP_GM = inmemory.actor("gm", roles=["group_general_manager"], companies=None)
TRUCK = DispatchCreate(carrier="OWN-TRUCK", vehicle_no="沪A-12345")
RECEIPT = DeliveryConfirm(received_by="Mr. Chen", receipt_no="RCPT-778")
NOTICE = ShipmentCreate()


@pytest.fixture
def uow():
    return inmemory.unit_of_work(LogisticsUnitOfWork, metadata, seed=demo.seed)


# -- what the other departments send ----------------------------------------------------------

def instructed(uow, quantity="2", order_no=ORDER_NO, company_id="P1", ship_at=None,
               instruction_no="SN-P1-000001"):
    """Contract & order management's shipping instruction (LOG-2) reaches logistics."""
    ship_at = ship_at or datetime.now(UTC) + timedelta(days=2)
    payload = ShippingInstructionIssued(
        order_no=order_no, instruction_no=instruction_no, contract_no="CT-P1-000001",
        customer_code="CUST-001", ship_at=ship_at, arrival_at=ship_at + timedelta(days=1),
        arrival_place="", issued_by="qian.contracts", issued_at=datetime.now(UTC),
        lines=[InstructedLine(product_code="KYN28-12", quantity=Decimal(quantity))])
    inbound.shipping_instruction_issued(
        envelope("sales.shipping_instruction_issued", payload, company_id), payload, uow)


def effective(uow, quantity="2", order_no=ORDER_NO, company_id="P1", instruction=True):
    if instruction:
        instructed(uow, quantity, order_no, company_id)
    payload = OrderEffective(
        order_no=order_no, customer_code="CUST-001", customer_name="State Grid Jiangsu",
        delivery_address="88 Substation Road, Nanjing", complete_set=False,
        contract_no="CT-P1-000001", contract_total=Decimal("100000"),
        lines=[ConfirmedLine(line_no=1, product_code="KYN28-12", quantity=Decimal(quantity),
                             confirmed_date=(datetime.now(UTC) + timedelta(days=30)).date())])
    inbound.order_effective(envelope("sales.order_effective", payload, company_id),
                            payload, uow)


def inspected(uow, quantity="2", inspection_no="FI-P1-000001", lines=None):
    payload = FinalInspectionPassed(
        order_no=ORDER_NO, inspection_no=inspection_no, inspected_by="zhao.quality",
        inspected_at=datetime.now(UTC),
        lines=lines if lines is not None else [{"product_code": "KYN28-12",
                                                "quantity": quantity}])
    inbound.final_inspection_passed(envelope("quality.final_inspection_passed", payload),
                                    payload, uow)


def payment_event(paid, cleared, at=None):
    payload = PaymentConfirmed(order_no=ORDER_NO, contract_no="CT-P1-000001",
                               amount=Decimal(paid), paid_total=Decimal(paid),
                               contract_total=Decimal("100000"), cleared_for_shipment=cleared)
    event = envelope("sales.payment_confirmed", payload)
    if at is not None:
        event = event.model_copy(update={"occurred_at": at})
    return event, payload


def paid(uow, amount, cleared):
    inbound.payment_confirmed(*payment_event(amount, cleared), uow)


def envelope(event_type, payload, company_id="P1"):
    return new_envelope(event_type, payload, company_id=company_id, order_no=payload.order_no)


def stocked_order(uow):
    effective(uow)
    inspected(uow)


def prepared(uow, **notice) -> str:
    stocked_order(uow)
    return handlers.prepare_shipment(CLERK, ORDER_NO, ShipmentCreate(**notice),
                                     uow).shipment_no


def published(uow, event_type):
    return [e for e in uow.published if e.event_type == event_type]


def journey_stages(uow, stage):
    return [s for s in handlers.journey(CLERK, ORDER_NO, uow) if s.stage == stage]


# -- the finished-goods store (PLN-12) -----------------------------------------------------------

def test_a_passed_final_inspection_puts_the_goods_in_the_store_and_tells_planning_and_sales(
        uow):
    stocked_order(uow)
    [goods] = handlers.list_finished_goods(CLERK, None, 100, uow)
    assert (goods.stock_entry_no, goods.status) == ("FG-P1-000001", "in_stock")
    assert [(line.product_code, line.quantity) for line in goods.lines] == [
        ("KYN28-12", Decimal("2"))]
    [event] = published(uow, "logistics.finished_goods_stocked")
    assert event.payload["lines"] == [{"product_code": "KYN28-12", "quantity": "2"}]
    assert (event.order_no, event.company_id) == (ORDER_NO, "P1")


def test_an_inspection_reported_twice_is_stocked_once(uow):
    stocked_order(uow)
    inspected(uow)
    assert len(handlers.list_finished_goods(CLERK, None, 100, uow)) == 1
    assert len(published(uow, "logistics.finished_goods_stocked")) == 1


def test_an_inspection_with_unreadable_lines_is_stocked_for_the_whole_order(uow):
    effective(uow)
    inspected(uow, lines=[{"product_code": "KYN28-12", "quantity": "two"}])
    [goods] = handlers.list_finished_goods(CLERK, None, 100, uow)
    assert [(line.product_code, line.quantity) for line in goods.lines] == [
        ("KYN28-12", Decimal("2"))]  # no lines read: the order's lines (PLN-12)


def test_goods_stocked_before_the_order_copy_are_labelled_for_its_customer_when_it_arrives(
        uow):
    inspected(uow)
    with pytest.raises(ShippingRefused, match="not effective at logistics yet"):
        handlers.prepare_shipment(CLERK, ORDER_NO, NOTICE, uow)
    effective(uow)
    notice = handlers.prepare_shipment(CLERK, ORDER_NO, ShipmentCreate(destination="Site 3"),
                                       uow)
    assert (notice.destination, notice.customer_code) == ("Site 3", "CUST-001")


# -- the shipping notice (LOG-2, LOG-3) ----------------------------------------------------------

def test_a_shipping_notice_goes_to_the_orders_address_with_the_picking_checked(uow):
    stocked_order(uow)
    notice = handlers.prepare_shipment(CLERK, ORDER_NO, NOTICE, uow)
    assert notice.shipment_no == "SH-P1-000001"
    assert notice.destination == "88 Substation Road, Nanjing"
    assert (notice.status, notice.payment_cleared) == ("prepared", False)
    assert [(line.product_code, line.quantity) for line in notice.lines] == [
        ("KYN28-12", Decimal("2"))]
    with uow:  # the goods are reserved for the notice (LOG-3)
        [entry] = uow.finished_goods.for_order(ORDER_NO)
    assert entry.shipment_no == notice.shipment_no


def test_a_ship_time_decades_ahead_is_rejected_and_no_notice_is_made(uow):
    stocked_order(uow)
    decades = datetime.now(UTC) + timedelta(days=10**4)
    with pytest.raises(ShippingRejected, match="two years from now"):
        handlers.prepare_shipment(CLERK, ORDER_NO, ShipmentCreate(planned_ship_at=decades), uow)
    assert handlers.list_shipments(CLERK, ORDER_NO, None, 100, uow) == []


def test_no_shipment_is_prepared_without_contract_managements_shipping_instruction(uow):
    effective(uow, instruction=False)
    inspected(uow)
    with pytest.raises(ShippingRefused, match="no shipping instruction for order"):
        handlers.prepare_shipment(CLERK, ORDER_NO, NOTICE, uow)
    instructed(uow)
    assert handlers.prepare_shipment(CLERK, ORDER_NO, NOTICE, uow).instruction_no == \
        "SN-P1-000001"


def test_a_notice_before_the_goods_are_stocked_is_refused(uow):
    effective(uow)
    with pytest.raises(ShippingRefused, match="not in the finished-goods store"):
        handlers.prepare_shipment(CLERK, ORDER_NO, NOTICE, uow)


def test_a_short_pick_is_refused_and_no_notice_is_made(uow):
    effective(uow, quantity="2")
    inspected(uow, quantity="1")
    with pytest.raises(ShippingRefused) as refused:
        handlers.prepare_shipment(CLERK, ORDER_NO, NOTICE, uow)
    assert refused.value.message == (
        "the pick for order SO-P1-000001 is short (KYN28-12 short by 1): shipping with missing "
        "parts needs the customer's recorded consent and an owner for the missing parts (LOG-5)")
    assert handlers.list_shipments(CLERK, ORDER_NO, None, 100, uow) == []


def test_an_order_gets_one_shipping_notice(uow):
    shipment_no = prepared(uow)
    with pytest.raises(ShippingRefused, match=f"already has shipment {shipment_no}"):
        handlers.prepare_shipment(CLERK, ORDER_NO, NOTICE, uow)


def test_an_order_logistics_has_never_heard_of_is_not_on_record(uow):
    with pytest.raises(NotOnRecord, match="no record of order SO-P1-000404"):
        handlers.prepare_shipment(CLERK, "SO-P1-000404", NOTICE, uow)


def test_another_companys_order_and_shipment_are_not_on_record_for_its_clerks(uow):
    shipment_no = prepared(uow)
    with pytest.raises(NotOnRecord):
        handlers.prepare_shipment(P2_CLERK, ORDER_NO, NOTICE, uow)
    with pytest.raises(NotOnRecord):
        handlers.dispatch_shipment(P2_CLERK, shipment_no, TRUCK, uow)
    with pytest.raises(NotOnRecord):
        handlers.confirm_delivery(P2_CLERK, shipment_no, RECEIPT, uow)
    assert handlers.list_shipments(P2_CLERK, None, None, 100, uow) == []
    assert handlers.list_finished_goods(P2_CLERK, None, 100, uow) == []
    assert handlers.journey(P2_CLERK, ORDER_NO, uow) == []
    assert journey_stages(uow, "dispatch refused") == []  # the P2 attempt was not recorded
    assert [s.shipment_no for s in handlers.list_shipments(GROUP_GM, ORDER_NO, None, 100,
                                                           uow)] == [shipment_no]


# -- the payment gate (LOG-2) and dispatch (LOG-4) ------------------------------------------------

def test_dispatch_without_any_payment_confirmation_is_refused_and_the_attempt_recorded(uow):
    shipment_no = prepared(uow)
    with pytest.raises(PaymentNotConfirmed, match="no payment confirmation received") as refused:
        handlers.dispatch_shipment(CLERK, shipment_no, TRUCK, uow)
    assert refused.value.details == {"order_no": ORDER_NO, "rule": "LOG-2",
                                     "shipment_no": shipment_no}
    [attempt] = journey_stages(uow, "dispatch refused")
    assert (attempt.state, attempt.actor) == ("refused", "li.logistics")
    assert published(uow, "logistics.shipment_dispatched") == []


def test_the_dispatch_gate_opens_only_when_the_paid_amount_reaches_what_the_contract_requires(
        uow):
    shipment_no = prepared(uow)
    paid(uow, "30000", cleared=False)  # the deposit of a contract that ships paid in full
    with pytest.raises(PaymentNotConfirmed) as refused:
        handlers.dispatch_shipment(CLERK, shipment_no, TRUCK, uow)
    assert refused.value.message == ("payment not confirmed by sales: paid 30000.00 of "
                                     "100000.00; shipping needs full payment (LOG-2)")
    paid(uow, "99999.99", cleared=False)
    with pytest.raises(PaymentNotConfirmed, match="paid 99999.99 of 100000.00"):
        handlers.dispatch_shipment(CLERK, shipment_no, TRUCK, uow)
    assert published(uow, "logistics.shipment_dispatched") == []

    paid(uow, "100000", cleared=True)
    shipment = handlers.dispatch_shipment(CLERK, shipment_no, TRUCK, uow)
    assert (shipment.status, shipment.carrier, shipment.payment_cleared) == (
        "dispatched", "OWN-TRUCK", True)
    [event] = published(uow, "logistics.shipment_dispatched")
    assert (event.payload["shipment_no"], event.order_no) == (shipment_no, ORDER_NO)
    [goods] = handlers.list_finished_goods(CLERK, "shipped", 100, uow)
    assert goods.stock_entry_no == "FG-P1-000001"
    assert len(journey_stages(uow, "dispatch refused")) == 2


def test_a_contract_that_lets_goods_leave_on_the_deposit_opens_the_gate_at_the_deposit(uow):
    shipment_no = prepared(uow)
    paid(uow, "30000", cleared=True)  # sales cleared it: the contract ships on the deposit
    assert handlers.dispatch_shipment(CLERK, shipment_no, TRUCK, uow).status == "dispatched"


def test_a_repeated_payment_confirmation_is_handled_once_by_the_inbox(uow):
    event, payload = payment_event("30000", cleared=False)

    def handle():  # as the runtime does: a unit of work marking this event in the inbox
        handling = LogisticsUnitOfWork(
            uow.engine, WriteGate(uow.engine), uow.tables, "logistics",
            inbound=Inbound(str(event.event_id), event.event_type, "on_payment_confirmed"))
        inbound.payment_confirmed(event, payload, handling)

    handle()
    # The inbox's unique key refuses a second mark, so the redelivery's transaction is
    # undone (servicekit raises the insert's IntegrityError, not yet DuplicateEvent).
    with pytest.raises((DuplicateEvent, IntegrityError)):
        handle()
    with uow:
        copy = uow.payments.get(ORDER_NO)
        marks = uow.session.execute(select(func.count()).select_from(uow.tables["inbox"]))
        assert marks.scalar_one() == 1
    assert (copy.paid_total, copy.cleared_for_shipment) == (Decimal("30000"), False)


def test_the_copy_of_paid_is_sales_running_total_so_a_redelivery_adds_no_money(uow):
    shipment_no = prepared(uow)
    for _ in range(3):  # even past the inbox, the same confirmation changes nothing
        paid(uow, "30000", cleared=False)
    with pytest.raises(PaymentNotConfirmed, match="paid 30000.00 of 100000.00"):
        handlers.dispatch_shipment(CLERK, shipment_no, TRUCK, uow)


def test_a_late_lower_payment_confirmation_does_not_unclear_the_order(uow):
    shipment_no = prepared(uow)
    now = datetime.now(UTC)
    # Sales sent 30000 then 100000; they arrive the other way round.
    inbound.payment_confirmed(*payment_event("100000", True, at=now), uow)
    inbound.payment_confirmed(*payment_event("30000", False, at=now - timedelta(hours=1)), uow)
    assert handlers.dispatch_shipment(CLERK, shipment_no, TRUCK, uow).status == "dispatched"
    [payment] = journey_stages(uow, "payment status (logistics' copy)")
    assert payment.state == "done"
    assert "paid 100000.00 of 100000.00" in payment.summary


def test_an_unknown_carrier_is_rejected_and_nothing_is_recorded(uow):
    shipment_no = prepared(uow)
    paid(uow, "100000", cleared=True)
    with pytest.raises(ShippingRejected, match="OWN-TRUCK"):
        handlers.dispatch_shipment(CLERK, shipment_no,
                                   DispatchCreate(carrier="Some Guy With A Van"), uow)
    assert journey_stages(uow, "dispatch refused") == []
    # Codes are matched case-insensitively.
    assert handlers.dispatch_shipment(CLERK, shipment_no, DispatchCreate(carrier="sf-freight"),
                                      uow).carrier == "SF-FREIGHT"


def test_a_shipment_leaves_once(uow):
    shipment_no = prepared(uow)
    paid(uow, "100000", cleared=True)
    handlers.dispatch_shipment(CLERK, shipment_no, TRUCK, uow)
    with pytest.raises(ShippingRefused, match="already dispatched"):
        handlers.dispatch_shipment(CLERK, shipment_no, TRUCK, uow)
    assert len(published(uow, "logistics.shipment_dispatched")) == 1
    assert journey_stages(uow, "dispatch refused") == []


def test_a_refused_dispatch_command_keeps_its_record_and_may_be_sent_again(uow):
    shipment_no = prepared(uow)

    def dispatch(command_id):  # as servicekit.rpcs runs a command from the gateway
        return run_once(uow, command_id, "dispatch_shipment", [shipment_no, TRUCK.model_dump()],
                        lambda: reply(handlers.dispatch_shipment(CLERK, shipment_no, TRUCK,
                                                                 uow)))

    with pytest.raises(PaymentNotConfirmed):
        dispatch("li:key-1#1")
    [attempt] = journey_stages(uow, "dispatch refused")  # undone with the command? no: kept
    assert "LOG-2" in attempt.summary
    paid(uow, "100000", cleared=True)
    first = dispatch("li:key-2#1")
    assert first["status"] == "dispatched"
    assert dispatch("li:key-2#1") == first  # a retry is answered from the command inbox
    assert len(published(uow, "logistics.shipment_dispatched")) == 1


# -- time limits (LOG-4, X-1) --------------------------------------------------------------------

def test_a_planned_ship_time_opens_the_same_day_delay_report_and_dispatch_meets_it(uow):
    planned = datetime.now(UTC) + timedelta(days=2)
    shipment_no = prepared(uow, planned_ship_at=planned)
    with uow:
        [limit] = uow.deadlines.for_order(ORDER_NO)
    assert (limit.rule_id, limit.subject, limit.status) == ("LOG-4", shipment_no, "open")
    assert limit.due_at > planned  # the close of the planned day's working hours
    paid(uow, "100000", cleared=True)
    handlers.dispatch_shipment(CLERK, shipment_no, TRUCK, uow)
    with uow:
        [limit] = uow.deadlines.for_order(ORDER_NO)
    assert limit.status == "met"


def test_goods_that_have_not_left_by_the_end_of_the_planned_day_breach_log4(uow):
    prepared(uow, planned_ship_at=datetime.now(UTC) + timedelta(days=2))
    with uow:
        [limit] = uow.deadlines.for_order(ORDER_NO)
    deadlines.sweep(uow, limit.due_at)
    with uow:
        [limit] = uow.deadlines.for_order(ORDER_NO)
    assert (limit.status, limit.escalated_to) == ("breached", "department_leader")
    [breach] = published(uow, "logistics.deadline_breached")  # sales is told: the report
    assert breach.payload["rule_id"] == "LOG-4"


def test_a_notice_without_a_planned_time_is_due_to_leave_at_the_instructions_ship_time(uow):
    shipment_no = prepared(uow)
    [notice] = handlers.list_shipments(CLERK, ORDER_NO, None, 100, uow)
    with uow:
        [limit] = uow.deadlines.for_order(ORDER_NO)
    assert (limit.rule_id, limit.subject) == ("LOG-4", shipment_no)
    assert limit.due_at > notice.planned_ship_at  # the close of the instruction's ship day


# -- delivery (LOG-6) ----------------------------------------------------------------------------

def test_a_delivery_before_dispatch_is_refused(uow):
    shipment_no = prepared(uow)
    with pytest.raises(ShippingRefused, match="has not been dispatched"):
        handlers.confirm_delivery(CLERK, shipment_no, RECEIPT, uow)
    assert published(uow, "logistics.shipment_delivered") == []


def test_the_customers_receipt_closes_the_shipment_and_damage_goes_to_aftersales(uow):
    shipment_no = prepared(uow)
    paid(uow, "100000", cleared=True)
    handlers.dispatch_shipment(CLERK, shipment_no, TRUCK, uow)
    delivered = handlers.confirm_delivery(
        CLERK, shipment_no, DeliveryConfirm(received_by="Mr. Chen", receipt_no="RCPT-778",
                                            damaged=True), uow)
    assert (delivered.status, delivered.receipt_no, delivered.damaged) == (
        "delivered", "RCPT-778", True)
    [event] = published(uow, "logistics.shipment_delivered")
    assert (event.payload["customer_code"], event.payload["damaged"]) == ("CUST-001", True)
    with pytest.raises(ShippingRefused, match="already delivered"):
        handlers.confirm_delivery(CLERK, shipment_no, RECEIPT, uow)


# -- what callers read ---------------------------------------------------------------------------

def test_the_journey_shows_every_stage_of_logistics_in_time_order(uow):
    shipment_no = prepared(uow)
    with pytest.raises(PaymentNotConfirmed):
        handlers.dispatch_shipment(CLERK, shipment_no, TRUCK, uow)
    paid(uow, "100000", cleared=True)
    handlers.dispatch_shipment(CLERK, shipment_no, TRUCK, uow)
    handlers.confirm_delivery(CLERK, shipment_no, RECEIPT, uow)
    stages = handlers.journey(CLERK, ORDER_NO, uow)
    assert {s.stage for s in stages} == {
        "payment status (logistics' copy)", "finished goods stocked", "shipment prepared",
        "dispatch refused", "shipment dispatched", "shipment delivered",
        "shipping instruction received", "customer notified"}
    assert {s.department for s in stages} == {"logistics"}
    assert [s.started_at for s in stages] == sorted(s.started_at for s in stages)
    [dispatched] = [s for s in stages if s.stage == "shipment dispatched"]
    assert dispatched.refs == {"shipment_no": shipment_no, "carrier": "OWN-TRUCK"}


def test_before_any_payment_the_journey_shows_the_goods_waiting_for_it(uow):
    effective(uow)
    [payment] = journey_stages(uow, "payment status (logistics' copy)")
    assert payment.state == "waiting" and "goods cannot leave" in payment.summary


def test_lists_filter_by_status_and_stop_at_the_limit(uow):
    effective(uow, quantity="4")
    inspected(uow, quantity="2", inspection_no="FI-P1-000001")
    inspected(uow, quantity="2", inspection_no="FI-P1-000002")
    shipment_no = handlers.prepare_shipment(CLERK, ORDER_NO, NOTICE, uow).shipment_no
    assert len(handlers.list_finished_goods(CLERK, "in_stock", 100, uow)) == 2
    assert len(handlers.list_finished_goods(CLERK, None, 1, uow)) == 1
    assert handlers.list_finished_goods(CLERK, "shipped", 100, uow) == []
    assert [s.shipment_no for s in handlers.list_shipments(CLERK, None, "prepared", 100, uow)
            ] == [shipment_no]
    assert handlers.list_shipments(CLERK, None, "delivered", 100, uow) == []


# -- shipping with missing parts (LOG-5) ---------------------------------------------------------

CONSENT = {"given_by": "Mr. Chen (site manager)", "channel": "phone",
           "missing_parts_owner": "Zhang Wei (production)"}


def short_shipment(uow) -> tuple[str, str]:
    """Two ordered, one in store: shipped short with consent; the shipment and its missing
    parts' numbers."""
    effective(uow, quantity="2")
    inspected(uow, quantity="1")
    shipment = handlers.prepare_shipment(CLERK, ORDER_NO, ShipmentCreate(short_shipment={
        **CONSENT, "given_at": datetime.now(UTC) - timedelta(hours=1)}), uow)
    return shipment.shipment_no, shipment.missing_parts_no


def dispatched_and_delivered(uow, shipment_no, receipt="RCPT-1"):
    handlers.dispatch_shipment(CLERK, shipment_no, TRUCK, uow)
    return handlers.confirm_delivery(
        CLERK, shipment_no, DeliveryConfirm(received_by="Mr. Chen", receipt_no=receipt), uow)


def test_with_consent_a_short_shipment_ships_what_is_there_and_the_missing_part_is_owned(uow):
    shipment_no, missing_no = short_shipment(uow)
    [shipment] = handlers.list_shipments(CLERK, ORDER_NO, None, 100, uow)
    assert [(line.product_code, line.quantity) for line in shipment.lines] == [
        ("KYN28-12", Decimal("1"))]
    [missing] = handlers_flow.list_missing_parts(CLERK, ORDER_NO, 100, uow)
    assert (missing.missing_no, missing.owner, missing.status, missing.short_shipment_no) == (
        missing_no, "Zhang Wei (production)", "open", shipment_no)
    assert (missing.consent_given_by, missing.consent_channel) == (
        "Mr. Chen (site manager)", "phone")
    assert [(line.product_code, line.quantity) for line in missing.lines] == [
        ("KYN28-12", Decimal("1"))]


def test_consent_given_in_the_future_is_rejected(uow):
    effective(uow, quantity="2")
    inspected(uow, quantity="1")
    with pytest.raises(ShippingRejected, match="consent cannot be given in the future"):
        handlers.prepare_shipment(CLERK, ORDER_NO, ShipmentCreate(short_shipment={
            **CONSENT, "given_at": datetime.now(UTC) + timedelta(days=1)}), uow)


def test_the_order_is_complete_only_when_the_missing_parts_are_delivered_too(uow):
    shipment_no, missing_no = short_shipment(uow)
    paid(uow, "100000", cleared=True)
    dispatched_and_delivered(uow, shipment_no)
    [first] = published(uow, "logistics.shipment_delivered")
    assert first.payload["order_complete"] is False
    later = handlers_flow.ship_missing_parts(CLERK, missing_no,
                                             MissingPartsShipmentCreate(), uow)
    assert later.missing_parts_no == missing_no and later.shipment_no != shipment_no
    assert [(line.product_code, line.quantity) for line in later.lines] == [
        ("KYN28-12", Decimal("1"))]
    with pytest.raises(ShippingRefused, match=f"already ship with {later.shipment_no}"):
        handlers_flow.ship_missing_parts(CLERK, missing_no, MissingPartsShipmentCreate(), uow)
    handlers.dispatch_shipment(CLERK, later.shipment_no, TRUCK, uow)
    assert handlers_flow.list_missing_parts(CLERK, ORDER_NO, 100, uow)[0].status == "shipped"
    handlers.confirm_delivery(CLERK, later.shipment_no,
                              DeliveryConfirm(received_by="Mr. Chen", receipt_no="R-2"), uow)
    assert handlers_flow.list_missing_parts(CLERK, ORDER_NO, 100, uow)[0].status == "delivered"
    second = published(uow, "logistics.shipment_delivered")[-1]
    assert second.payload["order_complete"] is True
    [stage] = journey_stages(uow, "missing parts")
    assert stage.state == "done" and "Zhang Wei (production)" in stage.summary


# -- delay report (LOG-4) ------------------------------------------------------------------------

def test_a_same_day_delay_report_meets_log4_tells_sales_and_opens_it_for_the_new_time(uow):
    shipment_no = prepared(uow)
    new_time = datetime.now(UTC) + timedelta(days=5)
    shipment = handlers_flow.report_delay(CLERK, shipment_no, DelayReport(
        reason="crane broken at the loading bay", new_ship_at=new_time,
        expected_arrival=new_time + timedelta(days=1)), uow)
    assert shipment.planned_ship_at == new_time
    with uow:
        limits = {d.subject: d.status for d in uow.deadlines.for_order(ORDER_NO)}
    assert limits == {shipment_no: "met", f"{shipment_no} re-planned 1": "open"}
    [event] = published(uow, "logistics.shipment_delayed")
    assert event.payload["reason"] == "crane broken at the loading bay"
    paid(uow, "100000", cleared=True)
    handlers.dispatch_shipment(CLERK, shipment_no, TRUCK, uow)
    with uow:
        assert {d.status for d in uow.deadlines.for_order(ORDER_NO)} == {"met"}


# -- feedback (LOG-6) ----------------------------------------------------------------------------

def test_goods_received_damaged_open_a_claim_against_the_carrier_with_its_amount(uow):
    shipment_no = prepared(uow)
    paid(uow, "100000", cleared=True)
    handlers.dispatch_shipment(CLERK, shipment_no, TRUCK, uow)
    handlers.confirm_delivery(CLERK, shipment_no, DeliveryConfirm(
        received_by="Mr. Chen", receipt_no="R-9", damaged=True, damage="door panel dented",
        claim_amount="4200.00"), uow)
    [claim] = feedback.list_carrier_claims(CLERK, ORDER_NO, 100, uow)
    assert (claim.carrier, claim.amount, claim.status) == ("OWN-TRUCK", Decimal("4200.00"),
                                                           "open")
    [event] = published(uow, "logistics.shipment_delivered")
    assert event.payload["damage"] == "door panel dented"
    with pytest.raises(ShippingRejected, match="more than the 4200.00 claimed"):
        feedback.settle_carrier_claim(CLERK, claim.claim_no, ClaimSettlement(
            outcome="partly_paid", recovered_amount="5000"), uow)
    settled = feedback.settle_carrier_claim(CLERK, claim.claim_no, ClaimSettlement(
        outcome="partly_paid", recovered_amount="3000.00", note="carrier paid 3000"), uow)
    assert (settled.status, settled.outcome, settled.recovered_amount) == (
        "settled", "partly_paid", Decimal("3000.00"))
    [stage] = journey_stages(uow, "carrier claim")
    assert stage.state == "done" and "partly_paid, recovered 3000.00" in stage.summary


def test_not_received_opens_an_investigation_by_shipping_until_it_finds_the_goods(uow):
    shipment_no = prepared(uow)
    with pytest.raises(ShippingRefused, match="only a dispatched shipment"):
        feedback.report_not_received(CLERK, shipment_no, NotReceivedReport(
            reported_by="Mr. Chen"), uow)
    paid(uow, "100000", cleared=True)
    handlers.dispatch_shipment(CLERK, shipment_no, TRUCK, uow)
    opened = feedback.report_not_received(CLERK, shipment_no, NotReceivedReport(
        reported_by="Mr. Chen", note="nothing at the gate"), uow)
    assert opened.status == "open"
    closed = feedback.close_investigation(CLERK, opened.investigation_no, InvestigationOutcome(
        finding="left at the neighbouring substation", goods_found=True), uow)
    assert (closed.status, closed.goods_found) == ("closed", True)
    with pytest.raises(ShippingRefused, match="already closed"):
        feedback.close_investigation(CLERK, opened.investigation_no, InvestigationOutcome(
            finding="again", goods_found=True), uow)
    assert [i.investigation_no for i in feedback.list_investigations(P2_CLERK, None, 100, uow)
            ] == []


# -- the packaging notice (LOG-1) ----------------------------------------------------------------

PACKING = PackagingNoticeCreate(packing="wooden crate", accessories="spare fuses",
                                documents="manual, test certificate")


def planned(uow, ready_at, order_no=ORDER_NO):
    payload = OrderPlanned(order_no=order_no, plan_no="PL-P1-000001",
                           planned_completion=ready_at, work_orders=[], material_requests=0)
    inbound.order_planned(envelope("planning.order_planned", payload), payload, uow)


def forecast_moved(uow, ready_at, previous):
    payload = CompletionForecastChanged(order_no=ORDER_NO, plan_no="PL-P1-000001",
                                        forecast_completion=ready_at,
                                        previous_completion=previous,
                                        reported_at=datetime.now(UTC))
    inbound.forecast_moved(
        envelope("planning.completion_forecast_changed", payload), payload, uow)


def log1(uow):
    with uow:
        return [d for d in uow.deadlines.for_order(ORDER_NO) if d.rule_id == "LOG-1"]


def test_the_packaging_notice_is_due_a_working_day_before_the_forecast_and_moves_with_it(uow):
    effective(uow)
    ready = datetime.now(UTC) + timedelta(days=20)
    planned(uow, ready)
    [limit] = log1(uow)
    assert limit.due_at == due_at(X1_TIME_LIMITS["LOG-1.packaging_notice_other"], ready)
    later = ready + timedelta(days=7)
    forecast_moved(uow, later, ready)
    [moved] = log1(uow)
    assert moved.due_at == due_at(X1_TIME_LIMITS["LOG-1.packaging_notice_other"], later)
    assert moved.due_at > limit.due_at
    told = packaging.notify_packaging(CLERK, ORDER_NO, PACKING, uow)
    assert (told.status, told.ready_moves, told.documents) == (
        "notified", 1, "manual, test certificate")
    assert [d.status for d in log1(uow)] == ["met"]
    with pytest.raises(ShippingRefused, match="already told"):
        packaging.notify_packaging(CLERK, ORDER_NO, PACKING, uow)
    [stage] = journey_stages(uow, "packaging notice")
    assert stage.state == "done" and "spare fuses" in stage.summary


def test_a_complete_set_is_notified_three_working_days_ahead_even_if_its_copy_comes_late(uow):
    ready = datetime.now(UTC) + timedelta(days=20)
    planned(uow, ready)  # the plan before the order copy: not yet known to be a set
    assert log1(uow) == []
    payload = OrderEffective(
        order_no=ORDER_NO, customer_code="CUST-001", customer_name="State Grid Jiangsu",
        delivery_address="88 Substation Road", complete_set=True, contract_no="CT-P1-000001",
        contract_total=Decimal("100000"),
        lines=[ConfirmedLine(line_no=1, product_code="KYN28-12", quantity=Decimal("2"),
                             confirmed_date=ready.date())])
    inbound.order_effective(envelope("sales.order_effective", payload), payload, uow)
    [limit] = log1(uow)
    assert limit.due_at == due_at(X1_TIME_LIMITS["LOG-1.packaging_notice_set"], ready)
    # the notice meets the complete set's own limit (found by its catalogue key,
    # LOG-1's two kinds share the rule id)
    packaging.notify_packaging(CLERK, ORDER_NO, PACKING, uow)
    [met] = log1(uow)
    assert (met.status, met.limit_key) == ("met", "LOG-1.packaging_notice_set")


def test_a_manual_forecast_moves_the_packaging_notice_too(uow):
    """LOG-1: planning.forecast_updated (a manual forecast, a PRC-7 material delay, an
    accepted objection) moves the notice's limit as the progress report's forecast does."""
    effective(uow)
    ready = datetime.now(UTC) + timedelta(days=20)
    planned(uow, ready)
    later = ready + timedelta(days=9)
    payload = ForecastUpdated(order_no=ORDER_NO, forecast_completion=later,
                              reason="material delayed (PRC-7)", reported_by="planner.p1")
    inbound.forecast_moved(envelope("planning.forecast_updated", payload), payload, uow)
    [moved] = log1(uow)
    assert moved.due_at == due_at(X1_TIME_LIMITS["LOG-1.packaging_notice_other"], later)
    [notice] = packaging.list_packaging_notices(CLERK, ORDER_NO, 10, uow)
    assert notice.ready_moves == 1


def test_no_packaging_notice_is_taken_before_planning_reports_a_completion(uow):
    effective(uow)
    with pytest.raises(NotOnRecord, match="no packaging notice is due"):
        packaging.notify_packaging(CLERK, ORDER_NO, PACKING, uow)
