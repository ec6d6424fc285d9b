"""Logistics end to end on a real broker and database: stock, prepare, the payment gate
(LOG-2), dispatch (LOG-4), delivery (LOG-6), the journey, and company scoping."""

from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest
from nameko.standalone.rpc import ServiceRpcProxy

from contracts.events.planning import OrderPlanned
from contracts.events.quality import FinalInspectionPassed
from contracts.events.sales import (
    ConfirmedLine,
    InstructedLine,
    OrderEffective,
    PaymentConfirmed,
    ShippingInstructionIssued,
)
from logistics.service import LogisticsService
from servicekit.testing import (
    deliver_event,
    queue_depth,
    signed_actor,
    start_service,
    take_all,
    wait_until,
)
from servicekit.testing_deadlines import assert_limit_breaches

ORDER_NO = "SO-P1-000001"
CLERK = signed_actor({"username": "li.logistics", "roles": ["logistics"], "companies": ["P1"]})
P2_CLERK = signed_actor({"username": "wang.logistics", "roles": ["logistics"],
                         "companies": ["P2"]})
GROUP_GM = signed_actor({"username": "gm", "roles": ["gm"], "companies": None})
DISPATCH = {"carrier": "OWN-TRUCK", "vehicle_no": "沪A-12345"}


def order_effective(order_no=ORDER_NO, quantity="2"):
    return OrderEffective(
        order_no=order_no, customer_code="CUST-001", customer_name="State Grid Jiangsu",
        delivery_address="88 Substation Road, Nanjing", complete_set=False,
        contract_no="CT-P1-000001", contract_total=Decimal("100000"),
        lines=[ConfirmedLine(line_no=1, product_code="KYN28-12", quantity=Decimal(quantity),
                             confirmed_date=(datetime.now(UTC) + timedelta(days=30)).date())])


def inspection_passed(order_no=ORDER_NO, quantity="2", inspection_no="FI-P1-000001"):
    return FinalInspectionPassed(
        order_no=order_no, inspection_no=inspection_no, inspected_by="zhao.quality",
        inspected_at=datetime.now(UTC),
        lines=[{"product_code": "KYN28-12", "quantity": quantity}])


def payment(paid, cleared, order_no=ORDER_NO):
    return PaymentConfirmed(order_no=order_no, contract_no="CT-P1-000001",
                            amount=Decimal(paid), paid_total=Decimal(paid),
                            contract_total=Decimal("100000"), cleared_for_shipment=cleared)


def order_effective_arrives(container, **order):
    """The order is live and contract & order management issued its shipping instruction
    (LOG-2), leaving in two days."""
    deliver_event(container, "on_order_effective", "sales.order_effective",
                  order_effective(**order))
    effective = order_effective(**order)
    ship_at = datetime.now(UTC) + timedelta(days=2)
    deliver_event(container, "on_shipping_instruction_issued",
                  "sales.shipping_instruction_issued", ShippingInstructionIssued(
                      order_no=effective.order_no, instruction_no="SN-P1-000001",
                      contract_no=effective.contract_no, customer_code=effective.customer_code,
                      ship_at=ship_at, arrival_at=ship_at + timedelta(days=1),
                      arrival_place="", issued_by="qian.contracts",
                      issued_at=datetime.now(UTC),
                      lines=[InstructedLine(product_code=line.product_code,
                                            quantity=line.quantity)
                             for line in effective.lines]))


def inspection_passed_arrives(container, **inspection):
    deliver_event(container, "on_final_inspection_passed", "quality.final_inspection_passed",
                  inspection_passed(**inspection))


def payment_arrives(container, paid, cleared):
    deliver_event(container, "on_payment_confirmed", "sales.payment_confirmed",
                  payment(paid, cleared))


def goods_stocked(container, *, paid=False):
    """The order is effective at logistics and its goods passed final inspection (so they
    are stocked); with `paid`, sales has cleared it for shipment too."""
    order_effective_arrives(container)
    inspection_passed_arrives(container)
    if paid:
        payment_arrives(container, "100000", True)


def conflict_message(call):
    with pytest.raises(Exception) as info:
        call()
    assert info.value.exc_type == "Conflict", info.value
    return info.value.value


@pytest.fixture
def logistics(container_factory, make_config):
    return lambda: start_service(container_factory, LogisticsService, make_config("logistics"))


def test_goods_are_shipped_only_after_sales_cleared_the_payment(logistics, amqp_uri,
                                                                db_backend):
    container = logistics()
    goods_stocked(container)

    # PLN-12: packed and stocked; planning and sales are told.
    for consumer in ("planning", "sales"):
        queue = f"{consumer}.logistics.finished_goods_stocked"
        wait_until(lambda q=queue: queue_depth(amqp_uri, q) == 1)
    stocked = take_all(amqp_uri, "sales.logistics.finished_goods_stocked")[0]
    assert stocked["payload"]["stock_entry_no"] == "FG-P1-000001"
    assert stocked["payload"]["lines"] == [{"product_code": "KYN28-12", "quantity": "2"}]

    with ServiceRpcProxy("logistics", container.config) as rpc:
        goods = rpc.list_finished_goods(CLERK)
        assert [(g["stock_entry_no"], g["status"]) for g in goods] == [
            ("FG-P1-000001", "in_stock")]

        # LOG-2/LOG-3: the notice goes to the order's address, picking checked.
        shipment = rpc.prepare_shipment(CLERK, ORDER_NO, {})
        assert shipment["shipment_no"] == "SH-P1-000001"
        assert shipment["destination"] == "88 Substation Road, Nanjing"
        assert shipment["customer_code"] == "CUST-001"
        assert shipment["payment_cleared"] is False
        shipment_no = shipment["shipment_no"]

        # LOG-2: no payment confirmation yet -> refused.
        message = conflict_message(lambda: rpc.dispatch_shipment(CLERK, shipment_no, DISPATCH))
        assert "payment not confirmed by sales" in message and "LOG-2" in message

        # A deposit that does not clear the order -> still refused, saying how much is in.
        payment_arrives(container, "30000", False)
        message = conflict_message(lambda: rpc.dispatch_shipment(CLERK, shipment_no, DISPATCH))
        assert message == ("payment not confirmed by sales: paid 30000.00 of 100000.00; "
                           "shipping needs full payment (LOG-2)")
        assert queue_depth(amqp_uri, "sales.logistics.shipment_dispatched") == 0

        # Cleared -> dispatched (LOG-4), sales told (LOG-6).
        payment_arrives(container, "100000", True)
        dispatched = rpc.dispatch_shipment(CLERK, shipment_no, DISPATCH)
        assert dispatched["status"] == "dispatched"
        assert dispatched["carrier"] == "OWN-TRUCK"
        assert dispatched["payment_cleared"] is True
        wait_until(lambda: queue_depth(amqp_uri, "sales.logistics.shipment_dispatched") == 1)
        event = take_all(amqp_uri, "sales.logistics.shipment_dispatched")[0]
        assert event["payload"]["shipment_no"] == shipment_no
        assert event["order_no"] == ORDER_NO and event["company_id"] == "P1"
        assert rpc.list_finished_goods(CLERK, "shipped")[0]["stock_entry_no"] == "FG-P1-000001"

        # LOG-6: the customer's receipt closes the shipment; sales and aftersales learn of it.
        delivered = rpc.confirm_delivery(CLERK, shipment_no, {
            "received_by": "Mr. Chen", "receipt_no": "RCPT-778", "damaged": True})
        assert delivered["status"] == "delivered" and delivered["receipt_no"] == "RCPT-778"
        for consumer in ("sales", "aftersales"):
            queue = f"{consumer}.logistics.shipment_delivered"
            wait_until(lambda q=queue: queue_depth(amqp_uri, q) == 1)
        event = take_all(amqp_uri, "aftersales.logistics.shipment_delivered")[0]
        assert event["payload"]["customer_code"] == "CUST-001"
        assert event["payload"]["damaged"] is True

        # The journey shows every stage, the two refused attempts with who and why.
        stages = rpc.journey(CLERK, ORDER_NO)
        names = [s["stage"] for s in stages]
        for expected in ("payment status (logistics' copy)", "finished goods stocked",
                         "shipment prepared", "dispatch refused", "shipment dispatched",
                         "shipment delivered"):
            assert expected in names
        refused = [s for s in stages if s["stage"] == "dispatch refused"]
        assert len(refused) == 2
        assert {s["state"] for s in refused} == {"refused"}
        assert refused[0]["actor"] == "li.logistics"
        assert "paid 30000.00 of 100000.00" in refused[1]["summary"]
        assert all(s["department"] == "logistics" for s in stages)


def test_a_late_lower_payment_confirmation_does_not_unclear_the_order(logistics, amqp_uri):
    container = logistics()
    goods_stocked(container)
    # Sales sent 30000 then 100000; the broker delivered them the other way round.
    payment_arrives(container, "100000", True)
    payment_arrives(container, "30000", False)
    with ServiceRpcProxy("logistics", container.config) as rpc:
        shipment = rpc.prepare_shipment(CLERK, ORDER_NO, {})
        assert shipment["payment_cleared"] is True
        assert rpc.dispatch_shipment(CLERK, shipment["shipment_no"],
                                     DISPATCH)["status"] == "dispatched"
        [payment_stage] = [s for s in rpc.journey(CLERK, ORDER_NO)
                           if s["stage"] == "payment status (logistics' copy)"]
        assert payment_stage["state"] == "done"
        assert "paid 100000.00 of 100000.00" in payment_stage["summary"]


def test_goods_stocked_before_the_order_copy_arrive_are_labelled_when_it_does(logistics,
                                                                               amqp_uri):
    container = logistics()
    inspection_passed_arrives(container)
    with ServiceRpcProxy("logistics", container.config) as rpc:
        assert rpc.list_finished_goods(CLERK)[0]["stock_entry_no"] == "FG-P1-000001"
        message = conflict_message(lambda: rpc.prepare_shipment(CLERK, ORDER_NO, {}))
        assert "not effective at logistics yet" in message
        order_effective_arrives(container)
        assert rpc.prepare_shipment(CLERK, ORDER_NO, {"destination": "Site 3"})[
            "destination"] == "Site 3"


def test_prepare_is_refused_until_goods_are_stocked_and_on_a_short_pick_without_consent(
        logistics, amqp_uri):
    container = logistics()
    order_effective_arrives(container, quantity="2")
    with ServiceRpcProxy("logistics", container.config) as rpc:
        assert "not in the finished-goods store" in conflict_message(
            lambda: rpc.prepare_shipment(CLERK, ORDER_NO, {}))
        inspection_passed_arrives(container, quantity="1")
        message = conflict_message(lambda: rpc.prepare_shipment(CLERK, ORDER_NO, {}))
        assert "KYN28-12 short by 1" in message and "customer's recorded consent" in message


def test_delivery_before_dispatch_and_unknown_carriers_are_refused(logistics, amqp_uri):
    container = logistics()
    goods_stocked(container, paid=True)
    with ServiceRpcProxy("logistics", container.config) as rpc:
        shipment_no = rpc.prepare_shipment(CLERK, ORDER_NO, {})["shipment_no"]
        assert "has not been dispatched" in conflict_message(lambda: rpc.confirm_delivery(
            CLERK, shipment_no, {"received_by": "Chen", "receipt_no": "R1"}))
        with pytest.raises(Exception) as info:
            rpc.dispatch_shipment(CLERK, shipment_no, {"carrier": "Some Guy With A Van"})
        assert info.value.exc_type == "InvalidRequest"
        assert "OWN-TRUCK" in str(info.value)
        # Codes are matched case-insensitively.
        assert rpc.dispatch_shipment(CLERK, shipment_no, {"carrier": "sf-freight"})[
            "carrier"] == "SF-FREIGHT"


def test_another_company_cannot_see_or_touch_a_shipment(logistics, amqp_uri):
    container = logistics()
    goods_stocked(container)
    with ServiceRpcProxy("logistics", container.config) as rpc:
        shipment_no = rpc.prepare_shipment(CLERK, ORDER_NO, {})["shipment_no"]
        for call in (lambda: rpc.dispatch_shipment(P2_CLERK, shipment_no, DISPATCH),
                     lambda: rpc.confirm_delivery(P2_CLERK, shipment_no,
                                                  {"received_by": "x", "receipt_no": "y"}),
                     lambda: rpc.prepare_shipment(P2_CLERK, ORDER_NO, {})):
            with pytest.raises(Exception) as info:
                call()
            assert info.value.exc_type == "NotFound"
        assert rpc.list_shipments(P2_CLERK) == []
        assert rpc.list_finished_goods(P2_CLERK) == []
        assert rpc.journey(P2_CLERK, ORDER_NO) == []
        assert [s["shipment_no"] for s in rpc.list_shipments(GROUP_GM, ORDER_NO)] == [
            shipment_no]


def test_a_planned_ship_time_opens_the_same_day_delay_report_met_by_dispatch(logistics,
                                                                              amqp_uri):
    container = logistics()
    goods_stocked(container, paid=True)
    planned = (datetime.now(UTC) + timedelta(days=2)).isoformat()
    with ServiceRpcProxy("logistics", container.config) as rpc:
        shipment_no = rpc.prepare_shipment(CLERK, ORDER_NO, {"planned_ship_at": planned})[
            "shipment_no"]
        [deadline] = rpc.deadlines_for_order(ORDER_NO)
        assert (deadline["rule_id"], deadline["subject"], deadline["status"]) == (
            "LOG-4", shipment_no, "open")
        rpc.dispatch_shipment(CLERK, shipment_no, DISPATCH)
        assert rpc.deadlines_for_order(ORDER_NO)[0]["status"] == "met"


def test_a_shipment_not_dispatched_on_its_planned_day_breaches_log_4(logistics,
                                                                     amqp_uri):  # LOG-4, X-1
    container = logistics()
    goods_stocked(container)
    planned = datetime.now(UTC) + timedelta(days=2)
    with ServiceRpcProxy("logistics", container.config) as rpc:
        rpc.prepare_shipment(CLERK, ORDER_NO, {"planned_ship_at": planned.isoformat()})
    assert_limit_breaches(container, "LOG-4.delay_report", ORDER_NO, anchor=planned)


def test_a_refused_dispatch_command_stays_on_record_and_a_repeated_one_runs_once(
        logistics, amqp_uri, db_backend):
    """Through the command inbox as the gateway calls it (a command id per request)."""
    container = logistics()
    goods_stocked(container)
    with ServiceRpcProxy("logistics", container.config) as rpc:
        shipment_no = rpc.prepare_shipment(CLERK, ORDER_NO, {})["shipment_no"]

    def dispatch(command_id):
        with ServiceRpcProxy("logistics", container.config,
                             context_data={"command_id": command_id}) as rpc:
            return rpc.dispatch_shipment(CLERK, shipment_no, DISPATCH)

    assert "LOG-2" in conflict_message(lambda: dispatch("li.logistics:key-1#1"))
    payment_arrives(container, "100000", True)
    first = dispatch("li.logistics:key-2#1")
    assert dispatch("li.logistics:key-2#1") == first  # answered from the command inbox
    wait_until(lambda: queue_depth(amqp_uri, "sales.logistics.shipment_dispatched") == 1)
    with ServiceRpcProxy("logistics", container.config) as rpc:
        stages = rpc.journey(CLERK, ORDER_NO)
    assert [s["stage"] for s in stages].count("dispatch refused") == 1
    assert [s["stage"] for s in stages].count("shipment dispatched") == 1
    assert queue_depth(amqp_uri, "sales.logistics.shipment_dispatched") == 1


def test_an_unsigned_actor_is_refused(logistics):
    container = logistics()
    unsigned = {k: v for k, v in CLERK.items() if k not in ("signature", "expires")}
    with ServiceRpcProxy("logistics", container.config) as rpc, \
            pytest.raises(Exception) as info:
        rpc.list_shipments(unsigned)
    assert info.value.exc_type == "Forbidden"


def _planned(container, ready_at):
    deliver_event(container, "on_order_planned", "planning.order_planned", OrderPlanned(
        order_no=ORDER_NO, plan_no="PL-P1-000001", planned_completion=ready_at,
        work_orders=[], material_requests=0))


def test_packaging_not_told_a_working_day_before_the_goods_are_ready_breaches_log1(logistics):
    container = logistics()
    order_effective_arrives(container)
    ready = datetime.now(UTC) + timedelta(days=20)
    _planned(container, ready)
    assert_limit_breaches(container, "LOG-1.packaging_notice_other", ORDER_NO, anchor=ready)


def test_a_complete_set_not_told_three_working_days_ahead_breaches_log1(logistics):
    container = logistics()
    deliver_event(container, "on_order_effective", "sales.order_effective",
                  order_effective().model_copy(update={"complete_set": True}))
    ready = datetime.now(UTC) + timedelta(days=20)
    _planned(container, ready)
    assert_limit_breaches(container, "LOG-1.packaging_notice_set", ORDER_NO, anchor=ready)
