"""Outsourcing's rules, pure (PLN-10): the order's state machine, the group GM's approval,
and the partner's return date as capable-to-promise's binding constraint (PLN-2)."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest

from planning.domain import outsourcing as model
from planning.domain.errors import NotAllowedToPlan, PlanningRejected, StepRefused
from planning.domain.feasibility import Answer, LineAnswer
from planning.domain.master_data import BomLine, Product, RoutingStep
from planning.domain.outsourcing_promise import OutsourcedReturn, bound_by_outsourcing
from planning.domain.work_orders import WorkOrder

AT = datetime(2027, 3, 1, 9, tzinfo=UTC)
PRODUCT = Product("KYN28-12", "P1", "cabinet", False,
                  (BomLine("CU-BAR", Decimal("12.5")), BomLine("ENC", Decimal(1))),
                  (RoutingStep(10, "P1-ASSY", 240), RoutingStep(20, "P1-WIRE", 150),
                   RoutingStep(30, "P1-TEST", 60)))
PARTNER = model.Partner("OSP-X", "Partner X", 5, ("P1-WIRE", "P1-TEST"))
WO = WorkOrder("WO-1", "PL-1", "SO-1", "P1", 1, "KYN28-12", Decimal(3), AT, AT, "P1-ASSY")


def order(step=20, **changes) -> model.OutsourcingOrder:
    args = dict(outsourcing_no="OS-1", work_order=WO, plan_no="PL-1", product=PRODUCT,
                step=step, partner=PARTNER, unit_price=Decimal("10.50"), currency="CNY",
                agreed_return_date=date(2027, 3, 10), earliest_return=date(2027, 3, 8),
                reason="capacity_saturated", reason_note="", by="gm.p1", at=AT)
    return model.generate(**{**args, **changes})


def test_generated_from_routing_and_bom():
    made = order(step=30)
    assert (made.work_centre, made.last_step, made.quantity, made.amount) == (
        "P1-TEST", True, Decimal(3), Decimal("31.50"))
    assert [(i.item_code, i.kind) for i in made.items] == [("KYN28-12", "part")]


@pytest.mark.parametrize("changes", [
    {"reason": "cheaper_lunch"}, {"step": 40}, {"step": 10},  # the partner does not assemble
    {"unit_price": Decimal(0)}, {"agreed_return_date": date(2027, 3, 5)}])
def test_what_the_proposal_cannot_be(changes):
    with pytest.raises(PlanningRejected):
        order(**changes)


def test_the_group_gm_alone_approves_and_only_once():
    made = order()
    with pytest.raises(NotAllowedToPlan):
        made.decide(approve=True, reason="", by="gm.p1", roles=["general_manager"], at=AT)
    made.decide(approve=True, reason="", by="group.gm", roles=[model.GROUP_GM_ROLE], at=AT)
    assert (made.status, made.decided_by) == (model.APPROVED, "group.gm")
    with pytest.raises(StepRefused):
        made.decide(approve=False, reason="no", by="group.gm", roles=[model.GROUP_GM_ROLE],
                    at=AT)


def test_nothing_goes_out_before_approval_and_the_return_is_checked():
    made = order()
    with pytest.raises(StepRefused, match="awaits the group general manager's approval"):
        made.send(by="buyer", at=AT)
    made.decide(approve=True, reason="", by="group.gm", roles=[model.GROUP_GM_ROLE], at=AT)
    made.send(by="buyer", at=AT)
    with pytest.raises(StepRefused):
        made.inspect(passed=True, note="", by="qc", at=AT)
    with pytest.raises(PlanningRejected):
        made.receive(quantity=Decimal(2), by="buyer", at=AT)
    made.receive(quantity=Decimal(3), by="buyer", at=AT)
    with pytest.raises(PlanningRejected):
        made.inspect(passed=False, note=" ", by="qc", at=AT)
    made.inspect(passed=False, note="burrs", by="qc", at=AT)
    assert (made.status, made.returns_to_partner, made.received_at) == (model.SENT, 1, None)
    made.receive(quantity=Decimal(3), by="buyer", at=AT)
    made.inspect(passed=True, note="", by="qc", at=AT)
    assert made.status == model.COMPLETED
    assert model.blocking_completion([made], "WO-1") is None


def test_an_open_outsourcing_blocks_the_work_orders_completion_and_a_second_one():
    made = order()
    assert model.blocking_completion([made], "WO-1") is made
    with pytest.raises(StepRefused):
        model.refuse_a_second([made], "WO-1", 20)
    model.refuse_a_second([made], "WO-1", 30)


def _answer(earliest: date, requested: date) -> Answer:
    line = LineAnswer(1, "KYN28-12", Decimal(3), requested, earliest, earliest <= requested,
                      "capacity", "work centre busy")
    return Answer(line.feasible, earliest, "capacity", "work centre busy", (line,))


def test_a_later_return_binds_the_line_and_says_where():  # rule PLN-2, PLN-10
    out = OutsourcedReturn("OS-1", "KYN28-12", 20, "Partner X", date(2027, 3, 10), False)
    bound = bound_by_outsourcing(_answer(date(2027, 3, 5), date(2027, 3, 10)), [out])
    assert bound.binding_kind == "outsourcing" and not bound.feasible
    assert bound.binding_constraint.startswith("outsourcing lead time at Partner X")
    assert bound.earliest_date == date(2027, 3, 11)  # in-house testing the next working day
    assert bound.lines[0].pegging[-1].binding


def test_an_earlier_return_leaves_the_answer_as_it_was():
    out = OutsourcedReturn("OS-1", "KYN28-12", 30, "Partner X", date(2027, 3, 4), True)
    answer = _answer(date(2027, 3, 5), date(2027, 3, 10))
    bound = bound_by_outsourcing(answer, [out])
    assert (bound.binding_kind, bound.earliest_date) == ("capacity", date(2027, 3, 5))
    other = OutsourcedReturn("OS-2", "GGD-400", 30, "Partner X", date(2027, 9, 4), True)
    assert bound_by_outsourcing(answer, [other]).earliest_date == date(2027, 3, 5)
