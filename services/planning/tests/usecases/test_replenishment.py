"""PLN-11: standard items kept between min and max; replenishment yields to customers."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest
from test_planning_use_cases import P2_PLANNER, PLANNER, receive

from contracts.envelope import new_envelope
from contracts.events.logistics import FinishedGoodsStocked
from contracts.events.sales import ConfirmedLine, ProductionInstructionIssued
from contracts.rpc.replenishment import StockCounted, StockLevelsSet
from planning import computing, demo, handlers, inbound, replanning, replenishment
from planning.adapters.tables import metadata
from planning.domain.errors import NotInPlanning, PlanningRejected
from planning.unit_of_work import PlanningUnitOfWork
from servicekit import inmemory

COMPUTE = computing.inline()
ITEM = "XGN15-12"  # a standard item: one step on the assembly line


@pytest.fixture
def uow():
    return inmemory.unit_of_work(PlanningUnitOfWork, metadata, seed=demo.seed)


def levels(minimum, maximum):
    return StockLevelsSet(minimum=minimum, maximum=maximum)


def set_levels(uow, minimum="10", maximum="40", who=PLANNER):
    return replenishment.set_stock_levels(who, ITEM, levels(minimum, maximum), uow, COMPUTE)


def count(uow, on_hand):
    return replenishment.count_stock(PLANNER, ITEM, StockCounted(on_hand=on_hand), uow,
                                     COMPUTE)


def plan_of(uow, order_no):
    return handlers.get_plan(PLANNER, order_no, uow)


def test_setting_levels_on_an_empty_store_plans_replenishment_up_to_the_maximum(uow):
    target = set_levels(uow)
    assert target.planned_now and target.planned_now.startswith("MTS-P1-")
    assert target.being_made == Decimal(40) and not target.below_minimum
    plan = plan_of(uow, target.planned_now)
    assert [(wo.product_code, wo.quantity) for wo in plan.work_orders] == [(ITEM, Decimal(40))]
    assert plan.publication == "proposed"  # a planner publishes it, like any plan (PLN-1)


def test_nothing_is_planned_while_on_hand_plus_being_made_holds_the_minimum(uow):
    first = set_levels(uow)
    again = count(uow, "0")  # the 40 being made still cover the minimum of 10
    assert again.planned_now is None and again.replenishment_orders == [first.planned_now]


def test_a_count_below_the_minimum_plans_only_what_brings_stock_to_the_maximum(uow):
    set_levels(uow, minimum="0", maximum="40")  # nothing planned: 0 is not below 0
    target = set_levels(uow, minimum="10", maximum="40")
    assert target.planned_now  # on hand 0 < 10: up to 40
    done = target.replenishment_orders[0]
    deliver_stocked(uow, done)
    assert count(uow, "45").planned_now is None  # the store counted more than the max
    short = count(uow, "6")
    assert short.planned_now and plan_of(uow, short.planned_now).work_orders[0].quantity \
        == Decimal(34)


def test_goods_of_a_replenishment_order_put_in_the_store_raise_on_hand(uow):
    target = set_levels(uow)
    deliver_stocked(uow, target.planned_now)
    listed = replenishment.list_stock_targets(PLANNER, None, None, 100, uow)
    assert [(t.on_hand, t.being_made) for t in listed if t.product_code == ITEM] == [
        (Decimal(40), Decimal(0))]
    # the company's other products are made to order only: listed, with no levels
    others = [t for t in listed if t.product_code != ITEM]
    assert others and all(t.minimum is None and t.company_id == "P1" for t in others)


def test_levels_are_refused_when_they_make_no_sense_or_the_product_is_not_theirs(uow):
    with pytest.raises(PlanningRejected, match="minimum"):
        set_levels(uow, minimum="50", maximum="40")
    with pytest.raises(NotInPlanning):
        set_levels(uow, who=P2_PLANNER)
    with pytest.raises(NotInPlanning, match="no stock levels"):
        count(uow, "3")
    set_levels(uow)
    theirs = replenishment.list_stock_targets(P2_PLANNER, None, None, 100, uow)
    assert theirs and all(t.company_id == "P2" and t.minimum is None for t in theirs)


def test_a_customer_order_short_of_capacity_goes_ahead_of_replenishment_not_yet_started(uow):
    """PLN-11: with the assembly line booked for weeks by replenishment, a customer's order
    confirmed within them is placed first; the replenishment moves clear of it."""
    target = set_levels(uow, minimum="100", maximum="400")
    stock_order = target.planned_now
    stock_finish_before = plan_of(uow, stock_order).planned_completion
    confirmed = date.today() + timedelta(days=30)
    receive(uow, "SO-P1-000009", lines=[("GGD-400", "3")])
    deliver_instruction(uow, "SO-P1-000009", confirmed)
    customer = plan_of(uow, "SO-P1-000009")
    assert customer.planned_completion.date() <= confirmed
    assert customer.planned_completion < stock_finish_before
    assert plan_of(uow, stock_order).planned_completion > stock_finish_before
    live = replanning.get_live_plan(PLANNER, "P1", 100, uow)
    assert "ahead of stock replenishment (PLN-11)" in live.reason
    assert {m.order_no for m in live.moves} == {stock_order}


def test_a_customer_order_with_room_before_its_date_leaves_replenishment_alone(uow):
    target = set_levels(uow, minimum="1", maximum="2")
    before = plan_of(uow, target.planned_now).planned_completion
    receive(uow, "SO-P1-000010", lines=[("GGD-400", "1")])
    deliver_instruction(uow, "SO-P1-000010", date.today() + timedelta(days=120))
    assert plan_of(uow, target.planned_now).planned_completion == before


def deliver_instruction(uow, order_no, confirmed):
    payload = ProductionInstructionIssued(
        order_no=order_no, instruction_no=f"PI-{order_no}", customer_grade="B",
        complete_set=False, non_regular=False, issued_at=datetime.now(UTC),
        lines=[ConfirmedLine(line_no=1, product_code="GGD-400", quantity=Decimal(3),
                             confirmed_date=confirmed)])
    inbound.production_instruction_issued(new_envelope(
        "sales.production_instruction_issued", payload, company_id="P1", order_no=order_no),
        payload, uow, COMPUTE)


def deliver_stocked(uow, order_no):
    payload = FinishedGoodsStocked(order_no=order_no, stock_entry_no=f"FG-{order_no}",
                                   stocked_at=datetime.now(UTC), lines=[])
    inbound.finished_goods_stocked(new_envelope(
        "logistics.finished_goods_stocked", payload, company_id="P1", order_no=order_no),
        payload, uow)
