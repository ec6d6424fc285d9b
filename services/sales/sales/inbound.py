"""What other departments tell sales, recorded on the order (SAL-3, SAL-11, LOG-6, X-3).

Each function takes the event envelope, its typed payload and a unit of work. An
event that arrives out of order is recorded and the status kept (never retried).
"""

from __future__ import annotations

from contracts.envelope import EventEnvelope
from contracts.events import aftersales, common, logistics, planning
from sales import handlers_receivables
from sales.domain.model import Order
from sales.handlers import on_order_event
from sales.handlers_shipping import open_instruction_limit


def design_reviewed(event: EventEnvelope, payload: planning.DesignReviewed, uow) -> None:
    """SAL-3: the design review makes a non-regular order reviewable."""
    review = {"feasible": payload.feasible, "design_days": payload.design_days,
              "reviewed_by": payload.reviewed_by, "notes": payload.notes,
              "reviewed_at": event.occurred_at.isoformat()}
    on_order_event(payload.order_no, uow,
                   lambda order: order.record_design_review(review, event.occurred_at),
                   event.event_type)


def order_planned(event: EventEnvelope, payload: planning.OrderPlanned, uow) -> None:
    """SAL-11: sales can tell the customer the forecast completion."""
    def record(order: Order) -> None:
        order.planned_completion = payload.planned_completion
        confirmed = [line.confirmed_date for line in order.lines if line.confirmed_date]
        if confirmed and payload.planned_completion.date() > max(confirmed):
            order.status_note = (f"planned completion {payload.planned_completion.date()} is "
                                 f"after the confirmed date {max(confirmed)}")
        order.advance("planned", "planned", event.occurred_at, summary=(
            f"plan {payload.plan_no}: {len(payload.work_orders)} work order(s), completion "
            f"{payload.planned_completion.isoformat()}"), refs={"plan_no": payload.plan_no})
        open_instruction_limit(uow, order, payload.planned_completion, event.occurred_at)

    on_order_event(payload.order_no, uow, record, event.event_type)


def production_completed(event: EventEnvelope, payload: planning.ProductionCompleted,
                         uow) -> None:
    on_order_event(payload.order_no, uow, lambda order: order.advance(
        "produced", "production completed", payload.completed_at,
        summary="all work orders complete", refs={"plan_no": payload.plan_no}),
        event.event_type)


def finished_goods_stocked(event: EventEnvelope, payload: logistics.FinishedGoodsStocked,
                           uow) -> None:
    def record(order: Order) -> None:
        order.advance("stocked", "finished goods stocked", payload.stocked_at,
                      refs={"stock_entry_no": payload.stock_entry_no})
        handlers_receivables.goods_ready(uow, order, event.occurred_at)  # rule SAL-10

    on_order_event(payload.order_no, uow, record, event.event_type)


def shipment_dispatched(event: EventEnvelope, payload: logistics.ShipmentDispatched,
                        uow) -> None:
    """LOG-6: the sales ledger records the shipment (the customer is told the same day)."""
    summary = f"dispatched with {payload.carrier}"
    if payload.vehicle_no:
        summary += f" ({payload.vehicle_no})"
    if payload.expected_arrival:
        summary += f", expected {payload.expected_arrival.isoformat()}"
    on_order_event(payload.order_no, uow, lambda order: order.advance(
        "shipped", "shipped", payload.dispatched_at, summary=summary,
        refs={"shipment_no": payload.shipment_no, "carrier": payload.carrier}),
        event.event_type)


def shipment_delivered(event: EventEnvelope, payload: logistics.ShipmentDelivered,
                       uow) -> None:
    summary = f"received by {payload.received_by}, receipt {payload.receipt_no}"
    if payload.damaged:
        summary += "; received DAMAGED (AFS-4, LOG-6)"
    refs = {"shipment_no": payload.shipment_no, "receipt_no": payload.receipt_no}

    def record(order: Order) -> None:
        if payload.order_complete:
            order.advance("delivered", "delivered", payload.delivered_at, summary=summary,
                          refs=refs)
            handlers_receivables.accepted(uow, order, event.occurred_at)  # rule SAL-10
        else:  # rule LOG-5: complete only when the missing parts are delivered too
            order.note("partly delivered", payload.delivered_at,
                       f"{summary}; missing parts still to be delivered (LOG-5)", refs=refs)

    on_order_event(payload.order_no, uow, record, event.event_type)


def shipment_delayed(event: EventEnvelope, payload: logistics.ShipmentDelayed, uow) -> None:
    """LOG-4: shipping reports the same day that goods cannot leave on time."""
    on_order_event(payload.order_no, uow, lambda order: order.note(
        "shipment delayed", payload.reported_at,
        f"{payload.reason}; new ship time {payload.new_ship_at.isoformat()}, expected "
        f"{payload.expected_arrival.isoformat()} (LOG-4)",
        refs={"shipment_no": payload.shipment_no}, actor=payload.reported_by),
        event.event_type)


def service_requested(event: EventEnvelope, payload: aftersales.ServiceRequested,
                      uow) -> None:
    def record(order: Order) -> None:
        order.open_service_requests += 1
        order.note("service requested", payload.recorded_at,
                   f"{payload.kind}: {payload.description}",
                   refs={"request_no": payload.request_no})

    on_order_event(payload.order_no, uow, record, event.event_type)


def service_resolved(event: EventEnvelope, payload: aftersales.ServiceResolved, uow) -> None:
    def record(order: Order) -> None:
        order.open_service_requests = max(0, order.open_service_requests - 1)
        order.note("service resolved", payload.resolved_at, payload.remedy,
                   refs={"request_no": payload.request_no})

    on_order_event(payload.order_no, uow, record, event.event_type)


def deadline_breached(event: EventEnvelope, payload: common.DeadlineBreached, uow) -> None:
    """X-1/X-2: a breach anywhere on an order shows in its journey (SAL-11)."""
    if not event.order_no:
        return  # not about an order: nothing for sales to show
    on_order_event(event.order_no, uow, lambda order: order.record_escalation(
        payload.rule_id, payload.subject, payload.escalated_to, payload.escalation_level,
        payload.due_at, payload.breached_at, event.producer), event.event_type)


def rush_approved(event: EventEnvelope, payload: planning.RushApproved, uow) -> None:
    """ORD-4, PLN-9: leadership approved the rush order; its instruction may be issued."""
    on_order_event(payload.order_no, uow, lambda order: order.record_rush_approval(
        payload.approved_by, payload.delayed_orders, event.occurred_at), event.event_type)


def order_redated(event: EventEnvelope, payload: planning.OrderRedated, uow) -> None:
    """SAL-11: a re-plan moved the order's planned completion; the customer is told."""
    on_order_event(payload.order_no, uow, lambda order: order.record_redate(
        payload.new_completion, payload.old_completion, payload.reason, event.occurred_at),
        event.event_type)
