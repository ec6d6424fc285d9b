"""Make-to-stock replenishment (PLN-11): use cases.

A planner sets a standard item's min/max finished-goods levels; the store counts what is on
hand. Either act checks the item: below the minimum (on hand plus what replenishment orders
already bring), a replenishment order (MTS-...) is planned at once for the quantity that
brings it up to the maximum -- a proposed plan like a customer's, placed after the committed
work, for a planner to publish (PLN-1). When a customer order cannot meet its confirmed date
because of replenishment work not yet started, that work gives way (`give_way`, called by
decomposition): customer work takes the capacity, replenishment is moved clear of it and the
live plan records what moved. A replenishment order's goods put into the store raise what
is on hand (`stocked`).
"""

from __future__ import annotations

import logging
from datetime import datetime
from decimal import Decimal
from functools import partial

from contracts.rpc.common import Actor
from contracts.rpc.replenishment import (
    StockCounted,
    StockLevelsSet,
    StockTargetPublic,
)
from planning import inbound
from planning.computing import Compute
from planning.domain import replenishment as model
from planning.domain.errors import NotInPlanning
from planning.domain.forward_schedule import place_order
from planning.domain.live_plan import describe
from planning.handlers import supply_for
from servicekit import clock

log = logging.getLogger(__name__)


def set_stock_levels(actor: Actor, product_code: str, levels: StockLevelsSet, uow,
                     compute: Compute) -> StockTargetPublic:
    now = clock.now()
    with uow:
        company_id = _company_of(actor, product_code, uow)
        target = uow.stock_targets.get(company_id, product_code, for_update=True)
        if target is None:
            target = model.StockTarget(company_id, product_code, levels.minimum,
                                       levels.maximum, set_by=actor.username, set_at=now)
            uow.stock_targets.add(target)
        else:
            target.set_levels(levels.minimum, levels.maximum, actor.username, now)
            uow.stock_targets.save(target)
        planned = _replenish(uow, target, now, compute)
        uow.commit()
        return _public(uow, target, planned)


def count_stock(actor: Actor, product_code: str, count: StockCounted, uow,
                compute: Compute) -> StockTargetPublic:
    now = clock.now()
    with uow:
        company_id = _company_of(actor, product_code, uow)
        target = uow.stock_targets.get(company_id, product_code, for_update=True)
        if target is None:
            raise NotInPlanning(f"{product_code} has no stock levels; a planner sets them "
                                "first (PLN-11)")
        target.count(count.on_hand, actor.username, now)
        uow.stock_targets.save(target)
        planned = _replenish(uow, target, now, compute)
        uow.commit()
        return _public(uow, target, planned)


def list_stock_targets(actor: Actor, company_id: str | None, after: str | None, limit: int,
                       uow) -> list[StockTargetPublic]:
    """Every product of the actor's companies by code, with its levels where it has some."""
    with uow:
        products = sorted(
            (p for p in uow.master_data.load().products.values()
             if actor.may_see(p.company_id) and company_id in (None, p.company_id)
             and (after is None or p.product_code > after)),
            key=lambda p: p.product_code)[:limit]
        codes = [p.product_code for p in products]
        targets = uow.stock_targets.for_products(codes)
        made = uow.stock_targets.being_made_of(None, codes)  # one query for the page
        return [_public(uow, targets[p.product_code], name=p.name,
                        made=made.get(p.product_code, (Decimal(0), [])))
                if p.product_code in targets else
                StockTargetPublic(company_id=p.company_id, product_code=p.product_code,
                                  name=p.name) for p in products]


def stocked(uow, order_no: str, company_id: str, lines: list[tuple[str, object]]) -> None:
    """A replenishment order's goods are in the finished-goods store: on hand rises."""
    for product_code, quantity in lines:
        target = uow.stock_targets.get(company_id, product_code, for_update=True)
        if target is None:
            log.warning("replenishment %s stocked %s, which has no levels", order_no,
                        product_code)
            continue
        target.stocked(quantity)
        uow.stock_targets.save(target)


def give_way(uow, master, company_id: str, order_no: str, now: datetime) -> None:
    """Customer order `order_no` took capacity replenishment held (PLN-11): move the
    replenishment work clear of every customer operation and record it in the live plan."""
    replan = model.yield_to_customers(master.centres_of(company_id),
                                      uow.live.operations(company_id), now,
                                      uow.live.downtime(company_id, now))
    uow.live.apply(replan.moves)
    reason = (f"order {order_no} placed ahead of stock replenishment (PLN-11): "
              + ("; ".join(describe(i) for i in replan.impacts[:20]) or "nothing moved"))
    uow.live.bump(company_id, now, reason, replan.impacts)


def _replenish(uow, target: model.StockTarget, now: datetime, compute: Compute) -> str | None:
    """Plan a replenishment order if the item is short; its number, or None."""
    being_made, _ = uow.stock_targets.being_made(target.company_id, target.product_code)
    quantity = target.shortfall(being_made)
    if quantity <= 0:
        return None
    master = uow.master_data.load()
    product = master.product(target.product_code, target.company_id)
    order = model.replenishment_order(uow.numbers.next(model.PREFIX, target.company_id),
                                      target, quantity, now)
    placed = compute(partial(
        place_order, master, target.company_id, [(product, quantity)],
        uow.plans.committed_bookings(target.company_id), now, 0,
        supply=supply_for(uow, master, [target.product_code], None)))
    plan = inbound.make_plan(order, target.company_id, placed, master, uow.numbers, now)
    uow.plans.add(plan)
    uow.live.bump(target.company_id, now, (
        f"replenishment {order.order_no}: {quantity.normalize():f} x {target.product_code} "
        f"to bring stock up to {target.maximum.normalize():f} (PLN-11), placed in free "
        "capacity"))
    return order.order_no


def _company_of(actor: Actor, product_code: str, uow) -> str:
    product = uow.master_data.load().product(product_code)
    if product is None or not actor.may_see(product.company_id):
        raise NotInPlanning(f"no product {product_code}")
    return product.company_id


def _public(uow, target: model.StockTarget, planned: str | None = None, name: str = "",
            made: tuple[Decimal, list[str]] | None = None) -> StockTargetPublic:
    being_made, orders = made or uow.stock_targets.being_made(target.company_id,
                                                              target.product_code)
    return StockTargetPublic(
        company_id=target.company_id, product_code=target.product_code, name=name,
        minimum=target.minimum, maximum=target.maximum, on_hand=target.on_hand,
        being_made=being_made, below_minimum=target.on_hand + being_made < target.minimum,
        replenishment_orders=orders, planned_now=planned, set_by=target.set_by,
        set_at=target.set_at, counted_by=target.counted_by, counted_at=target.counted_at)
