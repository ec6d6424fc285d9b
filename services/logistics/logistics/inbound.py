"""What other departments tell logistics, kept as logistics' own copies (DESIGN.md, LOG-2,
PLN-12).

Each function takes the event envelope, its typed payload and a unit of work; the
envelope carries the company, the time and the order no. The runtime marks each event
handled in the inbox in the same transaction (a redelivery has no second effect).
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime

from contracts.envelope import EventEnvelope
from contracts.events.forecasts import ForecastUpdated
from contracts.events.logistics import FinishedGoodsStocked
from contracts.events.planning import CompletionForecastChanged, OrderPlanned
from contracts.events.quality import FinalInspectionPassed
from contracts.events.sales import (
    OrderEffective,
    PaymentConfirmed,
    PaymentReversed,
    ShippingInstructionIssued,
)
from logistics import packaging
from logistics.domain import model
from logistics.domain.instruction import InstructionCopy
from logistics.domain.lines import GoodsLine, lines_from_payload
from logistics.domain.payment import PaymentStatus

log = logging.getLogger(__name__)


def order_effective(event: EventEnvelope, payload: OrderEffective, uow) -> None:
    """Keep a copy of the live order: customer, address, lines (DESIGN.md, LOG-2)."""
    order = model.OrderCopy(
        order_no=payload.order_no, company_id=event.company_id,
        customer_code=payload.customer_code, customer_name=payload.customer_name,
        delivery_address=payload.delivery_address, contract_no=payload.contract_no,
        complete_set=payload.complete_set,
        lines=tuple(GoodsLine(line.product_code, line.quantity) for line in payload.lines),
        received_at=datetime.now(UTC),
    )
    with uow:
        uow.orders.put(order, [line.line_no for line in payload.lines])
        # Goods stocked before the order copy arrived are labelled for its customer now.
        for entry in uow.finished_goods.for_order(order.order_no):
            if entry.status == model.IN_STOCK:
                uow.finished_goods.save(entry.labelled_for(order))
        packaging.order_copy_arrived(uow, order, event.occurred_at)  # rule LOG-1
        uow.commit()


def payment_confirmed(event: EventEnvelope, payload: PaymentConfirmed, uow) -> None:
    """Rule LOG-2: keep the latest payment status. The copy is sales' running total, never
    a sum of amounts here, so a repeated confirmation cannot add money; a late, lower one
    changes nothing."""
    incoming = PaymentStatus(
        order_no=payload.order_no, company_id=event.company_id,
        contract_no=payload.contract_no, paid_total=payload.paid_total,
        contract_total=payload.contract_total,
        cleared_for_shipment=payload.cleared_for_shipment,
        first_confirmed_at=event.occurred_at, last_confirmed_at=event.occurred_at,
    )
    with uow:
        current = uow.payments.get(payload.order_no)
        kept = incoming if current is None else current.newer(incoming)
        if current is not None and kept.paid_total != incoming.paid_total:
            log.info("payment confirmation for %s (paid %s) is older than the copy (paid %s); "
                     "kept the copy", payload.order_no, incoming.paid_total, current.paid_total)
        uow.payments.put(kept)
        uow.commit()


def payment_reversed(event: EventEnvelope, payload: PaymentReversed, uow) -> None:
    """Rule LOG-2: sales took a payment back; the copy drops to sales' new running total and
    loses "cleared" unless still paid enough, so dispatch is refused until paid again."""
    incoming = PaymentStatus(
        order_no=payload.order_no, company_id=event.company_id,
        contract_no=payload.contract_no, paid_total=payload.paid_total,
        contract_total=payload.contract_total,
        cleared_for_shipment=payload.cleared_for_shipment,
        first_confirmed_at=event.occurred_at, last_confirmed_at=event.occurred_at,
    )
    with uow:
        current = uow.payments.get(payload.order_no)
        uow.payments.put(incoming if current is None else current.reversed_by(incoming))
        uow.commit()


def final_inspection_passed(event: EventEnvelope, payload: FinalInspectionPassed,
                            uow) -> None:
    """Rule PLN-12: passed goods are packed to factory standard and stocked."""
    company_id = event.company_id
    lines, unreadable = lines_from_payload(payload.lines)
    if unreadable:
        # A permanent defect of the message: retrying cannot help, so record and move on.
        log.error("final inspection %s of %s has unreadable lines (%s); stocking without "
                  "lines", payload.inspection_no, payload.order_no, unreadable)
    with uow:
        if uow.finished_goods.by_inspection(payload.inspection_no) is not None:
            log.info("inspection %s is already stocked", payload.inspection_no)
            uow.commit()
            return
        entry = model.FinishedGoods(
            stock_entry_no=uow.numbers.next("FG", company_id),
            order_no=payload.order_no, company_id=company_id,
            inspection_no=payload.inspection_no, stocked_at=datetime.now(UTC), lines=lines,
        )
        order = uow.orders.get(payload.order_no)
        if order is not None:
            entry = entry.labelled_for(order)
        uow.finished_goods.add(entry)
        uow.emit("logistics.finished_goods_stocked", FinishedGoodsStocked(
            order_no=entry.order_no, stock_entry_no=entry.stock_entry_no,
            stocked_at=entry.stocked_at, lines=[line.as_dict() for line in entry.lines],
        ), company_id=company_id, order_no=entry.order_no)
        uow.commit()


def shipping_instruction_issued(event: EventEnvelope, payload: ShippingInstructionIssued,
                                uow) -> None:
    """Rule LOG-2: keep contract & order management's instruction; shipping works from it."""
    with uow:
        if uow.instructions.get(payload.instruction_no) is None:
            uow.instructions.add(InstructionCopy(
                instruction_no=payload.instruction_no, order_no=payload.order_no,
                company_id=event.company_id, contract_no=payload.contract_no,
                customer_code=payload.customer_code, ship_at=payload.ship_at,
                arrival_at=payload.arrival_at, arrival_place=payload.arrival_place,
                issued_by=payload.issued_by, issued_at=payload.issued_at,
                lines=tuple(GoodsLine(line.product_code, line.quantity)
                            for line in payload.lines)))
        uow.commit()


def order_planned(event: EventEnvelope, payload: OrderPlanned, uow) -> None:
    """Rule LOG-1: the plan's completion times the packaging notice."""
    with uow:
        packaging.forecast_arrived(uow, order_no=payload.order_no, company_id=event.company_id,
                                   plan_no=payload.plan_no,
                                   ready_at=payload.planned_completion, at=event.occurred_at)
        uow.commit()


def forecast_moved(event: EventEnvelope, payload: CompletionForecastChanged | ForecastUpdated,
                   uow) -> None:
    """Rule LOG-1: the forecast moved: so does the packaging notice's limit. One path for
    both of planning's forecast events: the daily progress report's
    (`planning.completion_forecast_changed`) and every other (`planning.forecast_updated`:
    a manual forecast, a PRC-7 material delay, an accepted PLN-6 objection)."""
    with uow:
        packaging.forecast_arrived(uow, order_no=payload.order_no, company_id=event.company_id,
                                   plan_no=getattr(payload, "plan_no", ""),
                                   ready_at=payload.forecast_completion, at=event.occurred_at)
        uow.commit()

