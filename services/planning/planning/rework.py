"""Planning's side of quality's nonconformance records (QLT-4): a rework disposition opens
a rework work order, a scrap disposition is recorded for the order's closing (PLN-13).

Apart from the scheduler on purpose: these are listed for the planner, who plans the
rework by hand; the order's scheduled plan is untouched.
"""

from __future__ import annotations

import logging

from contracts.envelope import EventEnvelope
from contracts.events.quality import ReworkRequested, ScrapRecorded
from contracts.rpc.common import Actor
from contracts.rpc.planning import ReworkOrderPublic
from planning.domain import rework_orders as model
from planning.domain.rework_orders import ReworkOrder

log = logging.getLogger(__name__)


def rework_requested(event: EventEnvelope, payload: ReworkRequested, uow) -> None:
    """QLT-4: the NCR is reworked: a rework work order owned by whom quality named."""
    _record(event, payload, uow, model.REWORK, owner=payload.owner)


def scrap_recorded(event: EventEnvelope, payload: ScrapRecorded, uow) -> None:
    """QLT-4, PLN-13: scrapped goods, on record for the order's closing."""
    _record(event, payload, uow, model.SCRAP)


def list_rework_orders(actor: Actor, order_no: str | None, limit: int, uow
                       ) -> list[ReworkOrderPublic]:
    with uow:
        return [ReworkOrderPublic(**r.__dict__)
                for r in uow.rework_orders.list(actor.companies, order_no, limit=limit)]


def _record(event: EventEnvelope, payload, uow, kind: str, owner: str | None = None) -> None:
    with uow:
        if uow.rework_orders.for_ncr(payload.ncr_no) is not None:
            log.info("NCR %s already has its %s record; repeat ignored", payload.ncr_no, kind)
            uow.commit()
            return
        uow.rework_orders.add(ReworkOrder(
            rework_order_no=uow.numbers.next(model.PREFIX[kind], event.company_id), kind=kind,
            company_id=event.company_id, order_no=payload.order_no, ncr_no=payload.ncr_no,
            reason=payload.reason, created_at=event.occurred_at,
            product_code=payload.product_code, quantity=payload.quantity, owner=owner))
        uow.commit()
