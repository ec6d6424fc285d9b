"""The order's state machine refuses out-of-order steps (SAL-1..7, ORD-3)."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from sales_factories import (
    CLERK,
    GM,
    NOW,
    REQUESTED,
    contracted_order,
    effective_order,
    new_order,
    quoted_order,
    review,
    reviewed_order,
)

from contracts.events.sales import OrderKind
from sales.domain import model
from sales.domain.errors import NotAllowedToDecide, OrderRejected, StepRefused

pytestmark = pytest.mark.unit


def test_a_regular_order_is_received_and_reviewable():
    order = new_order()
    assert order.status == model.RECEIVED
    order.check_reviewable()


def test_a_feasible_review_confirms_the_requested_dates():  # rule SAL-2
    order = reviewed_order()
    assert order.status == model.REVIEWED
    assert order.lines[0].confirmed_date == REQUESTED


def test_an_infeasible_review_records_the_earliest_date_and_binding_constraint():  # SAL-4
    order = new_order()
    order.record_review(review(feasible=False, earliest=date(2026, 4, 20)))
    assert order.status == model.DATE_INFEASIBLE
    assert order.review.binding_constraint.startswith("assembly line A")
    assert order.lines[0].confirmed_date is None
    assert order.steps[-1].state == "refused"


def test_a_non_regular_order_waits_for_the_design_review():  # rule SAL-3
    order = new_order(OrderKind.NON_REGULAR)
    assert order.status == model.AWAITING_DESIGN_REVIEW
    with pytest.raises(StepRefused, match="design review"):
        order.check_reviewable()
    order.record_design_review({"feasible": True, "design_days": 10, "reviewed_by": "dora"},
                               NOW)
    assert order.status == model.RECEIVED and order.design_days == 10
    order.record_review(review())
    assert order.status == model.REVIEWED


def test_a_design_found_infeasible_is_noted_on_the_order():
    order = new_order(OrderKind.NON_REGULAR)
    order.record_design_review({"feasible": False, "design_days": 0, "reviewed_by": "dora",
                                "notes": "no such busbar"}, NOW)
    assert "infeasible" in order.status_note and "no such busbar" in order.status_note


def test_a_repeat_order_is_never_reviewed_only_signed_off_by_the_gm():  # rule ORD-3
    order = new_order(OrderKind.REPEAT)
    assert order.status == model.AWAITING_SIGN_OFF
    with pytest.raises(StepRefused, match="needs GM sign-off"):
        order.check_reviewable()
    with pytest.raises(NotAllowedToDecide):
        order.sign_off_repeat("alice", CLERK, NOW)
    order.sign_off_repeat("gina", GM, NOW)
    assert order.status == model.REVIEWED
    assert order.lines[0].confirmed_date == REQUESTED


def test_sign_off_is_only_for_repeat_orders():
    with pytest.raises(StepRefused):
        new_order().sign_off_repeat("gina", GM, NOW)


def test_a_date_is_agreed_only_after_an_infeasible_review_and_not_before_the_earliest():
    with pytest.raises(StepRefused):
        new_order().agree_date(REQUESTED, "alice", NOW)
    order = new_order()
    order.record_review(review(feasible=False, earliest=date(2026, 4, 20)))
    with pytest.raises(OrderRejected, match="earliest"):
        order.agree_date(date(2026, 4, 19), "alice", NOW)
    order.agree_date(date(2026, 4, 22), "alice", NOW)
    assert order.status == model.REVIEWED
    assert order.lines[0].confirmed_date == date(2026, 4, 22)


def test_declining_needs_the_general_manager():  # rule SAL-4
    order = new_order()
    order.record_review(review(feasible=False, earliest=date(2026, 4, 20)))
    with pytest.raises(NotAllowedToDecide):
        order.decline("customer refused the later date", "alice", CLERK, NOW)
    order.decline("customer refused the later date", "gina", GM, NOW)
    assert order.status == model.DECLINED
    assert order.decline_reason == "customer refused the later date"


def test_a_reviewed_order_cannot_be_declined():
    with pytest.raises(StepRefused):
        reviewed_order().decline("changed our mind", "gina", GM, NOW)


def test_quotation_needs_a_review_first():
    with pytest.raises(StepRefused):
        new_order().record_quotation(None, "alice", NOW)


def test_contract_needs_a_quotation_first():
    with pytest.raises(StepRefused):
        reviewed_order().sign_contract("CT-P1-000001", Decimal("30"), True, "alice", NOW)


def test_a_payment_before_the_contract_is_refused():  # rule SAL-6
    with pytest.raises(StepRefused, match="no contract"):
        quoted_order().record_payment(Decimal("100"), "", "alice", NOW)


def test_the_order_becomes_effective_when_the_deposit_is_in():  # rule SAL-6
    order = contracted_order()
    assert order.contract.deposit == Decimal("51600.00")  # 30% of 172000
    assert order.record_payment(Decimal("50000"), "", "alice", NOW) is False
    assert order.status == model.CONTRACTED
    assert order.record_payment(Decimal("1600"), "", "alice", NOW) is True
    assert order.status == model.EFFECTIVE
    assert order.record_payment(Decimal("1000"), "", "alice", NOW) is False  # only once
    assert order.paid_total == Decimal("52600")


def test_an_overpayment_is_refused():  # rule SAL-10
    order = contracted_order()
    with pytest.raises(OrderRejected, match="exceeds"):
        order.record_payment(Decimal("172000.01"), "", "alice", NOW)


def test_clearing_for_shipment_follows_the_contract_terms():  # LOG-2 via SAL-6
    full = contracted_order(pay_in_full=True)
    full.record_payment(Decimal("51600"), "", "alice", NOW)
    assert not full.cleared_for_shipment
    full.record_payment(Decimal("120400"), "", "alice", NOW)
    assert full.cleared_for_shipment
    deposit_only = contracted_order(pay_in_full=False)
    deposit_only.record_payment(Decimal("51600"), "", "alice", NOW)
    assert deposit_only.cleared_for_shipment


def test_the_production_instruction_follows_an_effective_order_only():  # rule SAL-7
    with pytest.raises(StepRefused):
        contracted_order().issue_instruction("PI-P1-000001", "alice", NOW)
    order = effective_order()
    waiting = [s for s in order.steps if s.stage == "production instruction awaited"]
    assert waiting[0].state == "waiting"
    order.issue_instruction("PI-P1-000001", "alice", NOW + timedelta(hours=2))
    assert order.status == model.INSTRUCTED
    assert waiting[0].state == "done" and waiting[0].ended_at == NOW + timedelta(hours=2)
    with pytest.raises(StepRefused):
        order.issue_instruction("PI-P1-000002", "alice", NOW)


def test_downstream_reports_move_the_status_forward_only():  # rule SAL-11
    order = effective_order()
    order.issue_instruction("PI-P1-000001", "alice", NOW)
    assert order.advance("planned", "planned", NOW)
    assert order.advance("shipped", "shipped", NOW)
    assert not order.advance("stocked", "finished goods stocked", NOW)  # late news
    assert order.status == "shipped"
    assert [s.stage for s in order.steps][-1] == "finished goods stocked"  # still recorded


def test_downstream_reports_before_the_instruction_are_recorded_without_moving_status():
    order = reviewed_order()
    assert not order.advance("planned", "planned", NOW)
    assert order.status == model.REVIEWED


def test_a_requested_date_in_the_past_is_refused():  # rule SAL-1
    with pytest.raises(OrderRejected, match="past"):
        new_order(lines=[{"product_code": "KYN28-12", "quantity": Decimal("1"),
                          "requested_date": NOW.date() - timedelta(days=1)}])


def test_the_group_general_manager_may_also_decide():  # rules SAL-4, ORD-3, X-2
    order = new_order(OrderKind.REPEAT)
    order.sign_off_repeat("grace", ["group_general_manager"], NOW)
    assert order.status == model.REVIEWED
