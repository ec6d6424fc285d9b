"""What other departments tell quality: event use cases `f(event, payload, uow)`.

The envelope carries the company and the time the fact happened; a repeat of a fact
already recorded is logged and acknowledged (the inbox already drops redeliveries of
the same event; these are the same fact under a new event id).
"""

from __future__ import annotations

import logging

from contracts.envelope import EventEnvelope
from contracts.events.planning import ProductionCompleted
from contracts.events.procurement import GoodsReceived
from quality.domain import final
from quality.domain.final import FinalInspection
from quality.domain.inspection import Lot

log = logging.getLogger(__name__)


def goods_received(event: EventEnvelope, payload: GoodsReceived, uow) -> None:
    """PRC-6, QLT-1: a delivery procurement received waits for incoming inspection; it was
    received when procurement recorded it, not when this ran."""
    with uow:
        if uow.lots.get(payload.lot_no) is not None:
            log.info("lot %s is already recorded; repeat goods_received ignored", payload.lot_no)
            uow.commit()  # still mark the event handled
            return
        uow.lots.add(Lot(
            lot_no=payload.lot_no, company_id=event.company_id, po_no=payload.po_no,
            order_no=payload.order_no, material_code=payload.material_code,
            supplier_code=payload.supplier_code, quantity=payload.quantity,
            delivery_note_quantity=payload.delivery_note_quantity,
            replacement_for=payload.replacement_for, received_at=event.occurred_at,
        ))
        uow.commit()


def production_completed(event: EventEnvelope, payload: ProductionCompleted, uow) -> None:
    """QLT-2: production completed, so a final inspection is pending (again, after rework)."""
    with uow:
        existing = uow.final_inspections.for_order(payload.order_no)
        if not final.should_open_new(existing):
            log.info("order %s already has a pending or passed final inspection; "
                     "production_completed ignored", payload.order_no)
            uow.commit()
            return
        uow.final_inspections.add(FinalInspection(
            inspection_no=uow.numbers.next("FI", event.company_id),
            company_id=event.company_id, order_no=payload.order_no, plan_no=payload.plan_no,
            created_at=payload.completed_at, lines=[_json_safe(line) for line in payload.lines],
        ))
        uow.commit()


def _json_safe(line: dict) -> dict:
    return {key: (str(value) if not isinstance(value, str | int | float | bool | None)
                  else value) for key, value in line.items()}
