"""Closing a production order (PLN-13): use cases.

A planner closes an order once its plan is complete (stocked, PLN-12): the plan's planned
and completed quantities, quality's scrap and rework records of the order (QLT-4), the
routing's standard hours and the cost the planner enters are reconciled
(planning.domain.closing) and kept; the plan reads "closed" and the order's journey shows
the closing. Refused (Conflict) before completion and a second time.
"""

from __future__ import annotations

from contracts.rpc.closing import ClosingCreate, ClosingLinePublic, ClosingPublic
from contracts.rpc.common import Actor, JourneyStage
from planning.domain import closing as model
from planning.domain.errors import NotInPlanning
from servicekit import clock
from servicekit.journeys import stage


def close_order(actor: Actor, order_no: str, entry: ClosingCreate, uow) -> ClosingPublic:
    with uow:
        plan = uow.plans.for_order(order_no, for_update=True)
        if plan is None or not actor.may_see(plan.company_id):
            raise NotInPlanning(f"no plan for order {order_no}")
        model.closable(plan)
        records = uow.rework_orders.list(None, order_no)
        done = model.close(
            plan, records, model.minutes_per_unit(uow.master_data.load().products),
            model.CostEntry(actual_cost=entry.actual_cost, planned_cost=entry.planned_cost,
                            actual_hours=entry.actual_hours, currency=entry.currency,
                            note=entry.note),
            closing_no=uow.numbers.next(model.PREFIX, plan.company_id), by=actor.username,
            at=clock.now())
        uow.plans.save(plan)
        uow.closings.add(done)
        uow.commit()
    return closing_public(done)


def get_closing(actor: Actor, order_no: str, uow) -> ClosingPublic:
    with uow:
        done = uow.closings.for_order(order_no)
    if done is None or not actor.may_see(done.company_id):
        raise NotInPlanning(f"order {order_no} is not closed")
    return closing_public(done)


def journey(actor: Actor, order_no: str, uow) -> list[JourneyStage]:
    """The closing as a stage of the order's journey (X-3)."""
    with uow:
        done = uow.closings.for_order(order_no)
    if done is None or not actor.may_see(done.company_id):
        return []
    variance = "" if done.cost_variance is None else f", variance {done.cost_variance:f}"
    return [stage("planning", "order closed", "done", done.closed_at, ended_at=done.closed_at,
                  actor=done.closed_by, refs={"closing_no": done.closing_no,
                                              "plan_no": done.plan_no},
                  summary=(f"{done.good_quantity.normalize():f} good of "
                           f"{done.planned_quantity.normalize():f} planned, "
                           f"{done.scrapped_quantity.normalize():f} scrapped; cost "
                           f"{done.actual_cost:f} {done.currency}{variance} (PLN-13)"))]


def closing_public(done: model.Closing) -> ClosingPublic:
    return ClosingPublic(
        **{name: getattr(done, name) for name in ClosingPublic.model_fields if name != "lines"},
        lines=[ClosingLinePublic(
            product_code=line.product_code, planned_quantity=line.planned_quantity,
            produced_quantity=line.produced_quantity, scrapped_quantity=line.scrapped_quantity,
            good_quantity=line.good_quantity, quantity_variance=line.quantity_variance)
            for line in done.lines])
