"""An order from intake to production instruction, on a real broker and database
(SAL-1..7, SAL-10, ORD-1..3). Planning is a test double answering `check_feasibility`."""

from decimal import Decimal

import pytest
from sales_support import (
    CLERK,
    GM,
    INFEASIBLE,
    ORDER,
    P2_CLERK,
    REQUESTED,
    StubPlanning,
    remote_error,
    sales_proxy,
    start_sales,
)

from servicekit.testing import deliver_event, take_all
from servicekit.testing_deadlines import assert_limit_breaches

pytestmark = pytest.mark.service


@pytest.fixture
def sales(container_factory, make_config):
    return start_sales(container_factory, make_config("sales"), planning=None)


def test_a_regular_order_goes_from_intake_to_production_instruction(
        container_factory, make_config, db_backend):
    config = make_config("sales")
    start_sales(container_factory, config)
    amqp = config["AMQP_URI"]

    with sales_proxy(config) as proxy:
        order = proxy.receive_order(CLERK, ORDER)  # rule SAL-1
        no = order["order_no"]
        assert no == "SO-P1-000001"
        assert (order["kind"], order["status"], order["customer_grade"]) == (
            "regular", "received", "A")  # grade from the customer master
        [received] = take_all(amqp, "planning.sales.order_received", expect=1)
        assert received["payload"]["order_no"] == no

        reviewed = proxy.review_order(CLERK, no)  # rule SAL-2
        assert reviewed["status"] == "reviewed"
        assert reviewed["lines"][0]["confirmed_date"] == REQUESTED
        assert StubPlanning.queries[0]["order_no"] == no
        assert StubPlanning.queries[0]["design_days"] == 0

        quoted = proxy.quote_order(CLERK, no)  # rule SAL-5
        assert Decimal(quoted["quotation_total"]) == Decimal("172000.00")
        assert Decimal(quoted["lines"][0]["unit_price"]) == Decimal("86000.00")

        contracted = proxy.sign_contract(CLERK, no, {"deposit_percent": "30"})  # rule SAL-6
        assert contracted["contract_no"] == "CT-P1-000001"
        assert Decimal(contracted["deposit"]) == Decimal("51600.00")

        paid = proxy.record_payment(CLERK, no, {"amount": "51600.00", "reference": "TT-1"})
        assert paid["status"] == "effective"
        assert not paid["cleared_for_shipment"]  # full payment before shipment
        [effective] = take_all(amqp, "logistics.sales.order_effective", expect=1)
        assert effective["payload"]["contract_no"] == "CT-P1-000001"
        assert effective["payload"]["customer_name"] == "State Grid Jiangsu"
        [confirmed] = take_all(amqp, "logistics.sales.payment_confirmed", expect=1)
        assert confirmed["payload"]["cleared_for_shipment"] is False

        [deadline] = [d for d in proxy.deadlines_for_order(no)  # rule SAL-7: opened
                      if d["rule_id"] == "SAL-7"]
        assert (deadline["rule_id"], deadline["status"]) == ("SAL-7", "open")

        instructed = proxy.issue_production_instruction(CLERK, no)  # rule SAL-7
        assert instructed["status"] == "instructed"
        assert instructed["instruction_no"] == "PI-P1-000001"
        [instruction] = take_all(amqp, "planning.sales.production_instruction_issued", expect=1)
        assert instruction["payload"]["lines"][0]["confirmed_date"] == REQUESTED
        limits = {d["rule_id"]: d["status"] for d in proxy.deadlines_for_order(no)}
        assert limits == {"SAL-7": "met", "SAL-9": "open",  # SAL-9: the follow-up opened
                          "SAL-10": "met"}  # the deposit invoice, paid

        balance = proxy.record_payment(CLERK, no, {"amount": "120400.00"})  # rule SAL-10
        assert balance["status"] == "instructed" and balance["cleared_for_shipment"]
        [cleared] = take_all(amqp, "logistics.sales.payment_confirmed", expect=1)
        assert cleared["payload"]["cleared_for_shipment"] is True
        assert take_all(amqp, "logistics.sales.order_effective") == []
        assert remote_error(lambda: proxy.record_payment(
            CLERK, no, {"amount": "0.01"})) == "InvalidRequest"  # overpayment

        stages = [stage["stage"] for stage in proxy.journey(CLERK, no)]
        assert stages[:3] == ["order received", "review", "quotation"]
        assert {"contract", "payment", "effective", "production instruction"} <= set(stages)


def test_an_infeasible_date_is_declined_only_by_the_general_manager(
        container_factory, make_config, db_backend):
    config = make_config("sales")
    start_sales(container_factory, config, planning=INFEASIBLE)

    with sales_proxy(config) as proxy:
        no = proxy.receive_order(CLERK, ORDER)["order_no"]
        order = proxy.review_order(CLERK, no)  # rule SAL-4
        assert order["status"] == "date_infeasible"
        assert order["review"]["binding_constraint"] == "assembly line A booked out"
        assert order["review"]["earliest_date"] == INFEASIBLE["earliest_date"]

        assert remote_error(lambda: proxy.decline_order(
            CLERK, no, {"reason": "customer refused"})) == "Forbidden"
        declined = proxy.decline_order(GM, no, {"reason": "customer refused the later date"})
        assert declined["status"] == "declined"
        assert declined["decline_reason"] == "customer refused the later date"
    [event] = take_all(config["AMQP_URI"], "planning.sales.order_declined", expect=1)
    assert event["payload"]["approved_by"] == "gina"


def test_the_customer_may_agree_a_later_feasible_date(container_factory, make_config):
    config = make_config("sales")
    start_sales(container_factory, config, planning=INFEASIBLE)
    with sales_proxy(config) as proxy:
        no = proxy.receive_order(CLERK, ORDER)["order_no"]
        proxy.review_order(CLERK, no)
        assert remote_error(lambda: proxy.agree_date(
            CLERK, no, {"confirmed_date": REQUESTED})) == "InvalidRequest"
        agreed = proxy.agree_date(CLERK, no, {"confirmed_date": INFEASIBLE["earliest_date"]})
        assert agreed["status"] == "reviewed"
        assert agreed["lines"][0]["confirmed_date"] == INFEASIBLE["earliest_date"]


def test_a_repeat_order_skips_review_and_needs_the_gm(container_factory, make_config,
                                                       db_backend):  # rule ORD-3
    config = make_config("sales")
    start_sales(container_factory, config, planning=None)
    with sales_proxy(config) as proxy:
        first = proxy.receive_order(CLERK, ORDER)["order_no"]
        changed = {**ORDER, "repeat_of": first,
                   "lines": [{**ORDER["lines"][0], "spec": "1600A"}]}
        assert remote_error(lambda: proxy.receive_order(CLERK, changed)) == "InvalidRequest"

        repeat = proxy.receive_order(CLERK, {**ORDER, "repeat_of": first})
        assert (repeat["kind"], repeat["status"]) == ("repeat", "awaiting_sign_off")
        no = repeat["order_no"]
        assert remote_error(lambda: proxy.review_order(CLERK, no)) == "Conflict"
        assert remote_error(lambda: proxy.sign_off_repeat(CLERK, no)) == "Forbidden"
        signed = proxy.sign_off_repeat(GM, no)
        assert signed["status"] == "reviewed"
        assert proxy.quote_order(CLERK, no)["status"] == "quoted"


def test_orders_are_scoped_to_the_actors_companies(sales):
    with sales_proxy(sales.config) as proxy:
        no = proxy.receive_order(CLERK, ORDER)["order_no"]
        assert remote_error(lambda: proxy.get_order(P2_CLERK, no)) == "NotFound"
        assert remote_error(lambda: proxy.quote_order(P2_CLERK, no)) == "NotFound"
        assert proxy.list_orders(P2_CLERK) == []
        assert proxy.journey(P2_CLERK, no) == []
        assert [o["order_no"] for o in proxy.list_orders(CLERK)] == [no]
        assert remote_error(lambda: proxy.receive_order(P2_CLERK, ORDER)) == "Forbidden"
        assert {c["customer_code"] for c in proxy.list_customers(P2_CLERK)} == {
            "CUST-101", "CUST-102"}


def test_unknown_customers_and_products_are_refused(sales):  # rule SAL-1
    with sales_proxy(sales.config) as proxy:
        assert remote_error(lambda: proxy.receive_order(
            CLERK, {**ORDER, "customer_code": "CUST-101"})) == "InvalidRequest"  # P2's
        assert remote_error(lambda: proxy.receive_order(CLERK, {
            **ORDER, "lines": [{**ORDER["lines"][0], "product_code": "SC-500"}]})
        ) == "InvalidRequest"
        assert remote_error(lambda: proxy.receive_order(CLERK, {**ORDER, "lines": []})
                            ) == "InvalidRequest"


def test_out_of_order_steps_are_conflicts(sales):
    with sales_proxy(sales.config) as proxy:
        no = proxy.receive_order(CLERK, ORDER)["order_no"]
        assert remote_error(lambda: proxy.quote_order(CLERK, no)) == "Conflict"
        assert remote_error(lambda: proxy.sign_contract(CLERK, no, {})) == "Conflict"
        assert remote_error(lambda: proxy.record_payment(
            CLERK, no, {"amount": "10"})) == "Conflict"  # no contract yet (SAL-6)
        assert remote_error(lambda: proxy.issue_production_instruction(CLERK, no)) == "Conflict"


def test_review_without_planning_is_a_clear_conflict(sales):
    with sales_proxy(sales.config) as proxy:
        no = proxy.receive_order(CLERK, ORDER)["order_no"]
        with pytest.raises(Exception) as info:
            proxy.review_order(CLERK, no)
    assert info.value.exc_type == "Conflict"
    assert "planning could not answer" in str(info.value)


def test_a_slow_planning_times_out_into_a_conflict(container_factory, make_config):
    config = make_config("sales", PLANNING_RPC_TIMEOUT_S=0.5)
    start_sales(container_factory, config, delay_s=3)
    with sales_proxy(config) as proxy:
        no = proxy.receive_order(CLERK, ORDER)["order_no"]
        assert remote_error(lambda: proxy.review_order(CLERK, no)) == "Conflict"
        assert proxy.get_order(CLERK, no)["status"] == "received"


def test_a_non_regular_order_is_reviewed_after_the_design_review(
        container_factory, make_config):  # rule SAL-3
    from contracts.events.planning import DesignReviewed

    config = make_config("sales")
    sales = start_sales(container_factory, config)
    with sales_proxy(config) as proxy:
        order = proxy.receive_order(CLERK, {**ORDER, "non_regular_reasons": ["new_design"]})
        no = order["order_no"]
        assert (order["kind"], order["status"]) == ("non_regular", "awaiting_design_review")
        assert remote_error(lambda: proxy.review_order(CLERK, no)) == "Conflict"

        deliver_event(sales, "on_design_reviewed", "planning.design_reviewed", DesignReviewed(
            order_no=no, feasible=True, design_days=12, reviewed_by="dora"))
        assert proxy.get_order(CLERK, no)["design_review"]["design_days"] == 12

        assert proxy.review_order(CLERK, no)["status"] == "reviewed"
        assert StubPlanning.queries[-1]["design_days"] == 12
        quoted = proxy.quote_order(CLERK, no)  # rule SAL-5: + 15% custom-change surcharge
        assert Decimal(quoted["quotation_total"]) == Decimal("197800.00")


def test_an_effective_order_not_instructed_in_time_breaches_sal_7(container_factory,
                                                                  make_config):  # SAL-7, X-1
    config = make_config("sales")
    sales = start_sales(container_factory, config)
    with sales_proxy(config) as proxy:
        no = proxy.receive_order(CLERK, ORDER)["order_no"]
        proxy.review_order(CLERK, no)
        proxy.quote_order(CLERK, no)
        proxy.sign_contract(CLERK, no, {"deposit_percent": "30"})
        assert proxy.record_payment(CLERK, no, {"amount": "51600.00"})["status"] == "effective"
    assert_limit_breaches(sales, "SAL-7.production_instruction", no)
