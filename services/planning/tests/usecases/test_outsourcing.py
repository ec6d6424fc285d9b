"""Outsourcing (外协, PLN-10) on a real unit of work (in-memory SQLite): a work order's
operation is proposed for outsourcing, generated from the BOM and routing; it cannot start
before the group general manager approves; its return and inspection complete the
operation (the last step: the work order, and production); its lead time binds
capable-to-promise."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from test_planning_use_cases import (
    ORDER,
    PLANNER,
    all_materials_in,
    feasibility,
    instruct,
    published,
    receive,
)

from contracts.rpc.outsourcing import (
    OutsourcingDecision,
    OutsourcingInspection,
    OutsourcingProposal,
    OutsourcingReceipt,
)
from planning import demo, handlers, outsourcing
from planning.adapters.tables import metadata
from planning.domain.errors import NotAllowedToPlan, NotInPlanning, PlanningRejected, StepRefused
from planning.unit_of_work import PlanningUnitOfWork
from servicekit import inmemory

GROUP_GM = inmemory.actor("group.gm", roles=["general_manager", "group_general_manager"],
                          companies=None)
GM_P1 = inmemory.actor("gm.p1", roles=["general_manager"], companies=["P1"])
BUYER = inmemory.actor("buyer.p1", roles=["procurement"], companies=["P1"])
QC = inmemory.actor("qc.p1", roles=["quality"], companies=["P1"])
P2_PLANNER = inmemory.actor("planner.p2", roles=["planning"], companies=["P2"])
LINES = [("KYN28-12", "2")]


@pytest.fixture
def uow():
    return inmemory.unit_of_work(PlanningUnitOfWork, metadata, seed=demo.seed)


@pytest.fixture
def work_order(uow):
    receive(uow, lines=LINES)
    instruct(uow, lines=LINES)
    [wo] = handlers.get_plan(PLANNER, ORDER, uow).work_orders
    return wo


def propose(uow, wo, step=20, partner="OSP-CXWIRE", **extra):
    return outsourcing.propose_outsourcing(GM_P1, wo.work_order_no, OutsourcingProposal(
        step=step, partner_code=partner, reason="capacity_saturated",
        reason_note="wiring line booked for 3 weeks", unit_price="850.00", **extra), uow)


def approve(uow, no):
    return outsourcing.decide_outsourcing(GROUP_GM, no, OutsourcingDecision(approve=True), uow)


def released(uow, wo):
    all_materials_in(uow)
    handlers.release_work_order(PLANNER, wo.work_order_no, uow)


def back_and_passed(uow, no, quantity="2"):
    outsourcing.receive_outsourcing(BUYER, no, OutsourcingReceipt(quantity=quantity), uow)
    return outsourcing.inspect_outsourcing(QC, no, OutsourcingInspection(passed=True), uow,
                                           handlers.finish_work_order)


def test_the_order_is_generated_from_the_routing_and_bom(uow, work_order):  # rule PLN-10
    first = propose(uow, work_order, step=10, partner="OSP-CZASSY")
    assert (first.status, first.work_centre, first.quantity, first.amount) == (
        "proposed", "P1-ASSY", Decimal(2), Decimal("1700.00"))
    assert first.partner_name == "Changzhou Cabinet Assembly" and not first.last_step
    # the first operation: the part and the BOM's materials for 2 go out
    assert {(i.item_code, i.quantity, i.kind) for i in first.items} == {
        ("KYN28-12", 2, "part"), ("CU-BAR-10x100", 25, "material"),
        ("ENC-KYN28", 2, "material"), ("BRK-VS1-12", 2, "material"),
        ("CRATE-L", 2, "material")}
    later = propose(uow, work_order, step=20)
    assert [(i.item_code, i.kind) for i in later.items] == [("KYN28-12", "part")]
    # 5 working days at the partner: the default agreed return date
    assert later.agreed_return_date > date.today() + timedelta(days=4)


@pytest.mark.parametrize(("change", "refusal"), [
    ({"step": 15}, PlanningRejected),  # the routing has no step 15
    ({"step": 30}, PlanningRejected),  # the wiring partner does not test
    ({"partner": "OSP-NONE"}, PlanningRejected),
    ({"agreed_return_date": date.today()}, PlanningRejected),  # before its lead time
])
def test_a_proposal_the_routing_or_partner_cannot_carry_is_refused(uow, work_order, change,
                                                                   refusal):
    with pytest.raises(refusal):
        propose(uow, work_order, **change)


def test_one_open_outsourcing_per_operation_and_only_for_ones_own_company(uow, work_order):
    propose(uow, work_order)
    with pytest.raises(StepRefused, match="already outsourced"):
        propose(uow, work_order)
    with pytest.raises(NotInPlanning):
        outsourcing.propose_outsourcing(P2_PLANNER, work_order.work_order_no,
                                        OutsourcingProposal(step=20, partner_code="OSP-CXWIRE",
                                                            reason="special_requirement",
                                                            unit_price="1"), uow)


def test_only_the_group_gm_approves_and_a_rejection_says_why(uow, work_order):  # PLN-10
    no = propose(uow, work_order).outsourcing_no
    with pytest.raises(NotAllowedToPlan, match="group general manager"):
        outsourcing.decide_outsourcing(GM_P1, no, OutsourcingDecision(approve=True), uow)
    with pytest.raises(PlanningRejected):
        outsourcing.decide_outsourcing(GROUP_GM, no, OutsourcingDecision(approve=False), uow)
    rejected = outsourcing.decide_outsourcing(
        GROUP_GM, no, OutsourcingDecision(approve=False, reason="overtime is cheaper"), uow)
    assert (rejected.status, rejected.decided_by) == ("rejected", "group.gm")
    with pytest.raises(StepRefused):
        outsourcing.send_outsourcing(BUYER, no, uow)


def test_the_operation_cannot_start_before_the_group_gms_approval(uow, work_order):
    # rule PLN-10: the group GM approves (报集团总经理核批) before the goods go out
    released(uow, work_order)
    no = propose(uow, work_order).outsourcing_no
    with pytest.raises(StepRefused, match="awaits the group general manager's approval"):
        outsourcing.send_outsourcing(BUYER, no, uow)
    approved = approve(uow, no)
    assert (approved.status, approved.decided_by) == ("approved", "group.gm")
    sent = outsourcing.send_outsourcing(BUYER, no, uow)
    assert (sent.status, sent.sent_by) == ("sent", "buyer.p1")
    with uow:
        [limit] = [d for d in uow.deadlines.for_order(ORDER) if d.rule_id == "PLN-10"]
    assert limit.status == "open" and limit.due_at.date() == sent.agreed_return_date
    stages = {s.stage: s for s in outsourcing.journey(PLANNER, ORDER, uow)}
    assert (stages["outsourcing approval"].state,
            stages["outsourcing approval"].actor) == ("done", "group.gm")
    assert stages["outsourced operation"].state == "in_progress"


def test_the_work_order_must_be_on_the_shop_floor_before_the_goods_go_out(uow, work_order):
    no = propose(uow, work_order).outsourcing_no
    approve(uow, no)
    with pytest.raises(StepRefused, match="release it"):
        outsourcing.send_outsourcing(BUYER, no, uow)


def test_a_middle_operation_back_and_passed_lets_the_work_order_complete(uow, work_order):
    released(uow, work_order)
    no = propose(uow, work_order, step=20).outsourcing_no
    approve(uow, no)
    outsourcing.send_outsourcing(BUYER, no, uow)
    with pytest.raises(StepRefused, match="outsourced to Cixi Wiring Services"):
        handlers.complete_work_order(PLANNER, work_order.work_order_no, uow)
    with pytest.raises(PlanningRejected, match="chase the rest"):
        outsourcing.receive_outsourcing(BUYER, no, OutsourcingReceipt(quantity="1"), uow)
    done = back_and_passed(uow, no)
    assert done.status == "completed"
    with uow:
        [limit] = [d for d in uow.deadlines.for_order(ORDER) if d.rule_id == "PLN-10"]
    assert limit.status == "met"
    completed = handlers.complete_work_order(PLANNER, work_order.work_order_no, uow)
    assert completed.status == "done"


def test_the_last_operations_return_completes_the_work_order_and_production(uow, work_order):
    # rule PLN-10, PLN-12: the outsourced test is the routing's last step
    released(uow, work_order)
    no = propose(uow, work_order, step=30, partner="OSP-SZHV").outsourcing_no
    approve(uow, no)
    outsourcing.send_outsourcing(BUYER, no, uow)
    outsourcing.receive_outsourcing(BUYER, no, OutsourcingReceipt(quantity="2"), uow)
    failed = outsourcing.inspect_outsourcing(
        QC, no, OutsourcingInspection(passed=False, note="partial discharge too high"), uow,
        handlers.finish_work_order)
    assert (failed.status, failed.returns_to_partner) == ("sent", 1)
    assert handlers.get_plan(PLANNER, ORDER, uow).work_orders[0].status == "released"
    back_and_passed(uow, no)
    plan = handlers.get_plan(PLANNER, ORDER, uow)
    assert (plan.work_orders[0].status, plan.status) == ("done", "produced")
    assert len(published(uow, "planning.production_completed")) == 1


def test_the_partners_return_date_binds_capable_to_promise(uow, work_order):
    # rule PLN-2, PLN-10: "outsourcing lead time at <partner>"
    far = date.today() + timedelta(days=120)
    os = propose(uow, work_order, step=20, agreed_return_date=far)
    answer = handlers.check_feasibility(
        feasibility(requested=(far + timedelta(days=30)).isoformat(), order_no=ORDER), uow)
    assert answer.binding_kind == "outsourcing"
    assert answer.binding_constraint.startswith(
        "outsourcing lead time at Cixi Wiring Services")
    assert os.outsourcing_no in answer.binding_constraint
    assert answer.earliest_date > far and answer.feasible  # in-house testing follows
    late = handlers.check_feasibility(
        feasibility(requested=far.isoformat(), order_no=ORDER), uow)
    assert not late.feasible
    unbound = handlers.check_feasibility(feasibility(requested="2030-01-31"), uow)
    assert unbound.binding_kind != "outsourcing"  # no order: nothing outsourced
