"""An order's journey as logistics saw it (X-3): payment as logistics knows it, goods
stocked, notice prepared, dispatch refused / dispatched, delivered."""

from __future__ import annotations

from contracts.rpc.common import JourneyStage
from logistics.domain.model import DispatchRefusal, FinishedGoods, OrderCopy, Shipment
from logistics.domain.payment import PaymentStatus

DEPARTMENT = "logistics"


def journey(order: OrderCopy | None, payment: PaymentStatus | None,
            stock: list[FinishedGoods], shipments: list[Shipment],
            refusals: list[DispatchRefusal]) -> list[JourneyStage]:
    stages: list[JourneyStage] = []
    if payment is not None:
        stages.append(_stage(
            "payment status (logistics' copy)",
            "done" if payment.cleared_for_shipment else "waiting",
            payment.first_confirmed_at,
            payment.last_confirmed_at if payment.cleared_for_shipment else None,
            refs={"contract_no": payment.contract_no},
            summary=payment.summary() + " (LOG-2)"))
    elif order is not None:
        stages.append(_stage(
            "payment status (logistics' copy)", "waiting", order.received_at,
            refs={"contract_no": order.contract_no},
            summary="no payment confirmation from sales yet; goods cannot leave (LOG-2)"))
    for entry in stock:
        lines = ", ".join(f"{line.product_code} x {line.quantity.normalize():f}"
                          for line in entry.lines)
        stages.append(_stage(
            "finished goods stocked", "done", entry.stocked_at, entry.stocked_at,
            refs={"stock_entry_no": entry.stock_entry_no, "inspection_no": entry.inspection_no},
            summary=f"packed and stocked ({entry.status}): {lines or 'lines per order'} "
                    f"(PLN-12)"))
    for shipment in shipments:
        refs = {"shipment_no": shipment.shipment_no}
        stages.append(_stage(
            "shipment prepared", "done", shipment.prepared_at, shipment.prepared_at,
            actor=shipment.prepared_by, refs=refs,
            summary=f"shipping notice to {shipment.destination}; picking checked (LOG-2, "
                    f"LOG-3)"))
        if shipment.dispatched_at is not None:
            stages.append(_stage(
                "shipment dispatched", "done", shipment.dispatched_at, shipment.dispatched_at,
                actor=shipment.dispatched_by, refs={**refs, "carrier": shipment.carrier or ""},
                summary=f"left with {shipment.carrier}"
                        f"{' vehicle ' + shipment.vehicle_no if shipment.vehicle_no else ''} "
                        f"(LOG-4, LOG-6)"))
        if shipment.delivered_at is not None:
            stages.append(_stage(
                "shipment delivered", "done", shipment.delivered_at, shipment.delivered_at,
                actor=shipment.delivery_recorded_by,
                refs={**refs, "receipt_no": shipment.receipt_no or ""},
                summary=f"received by {shipment.received_by}"
                        f"{'; DAMAGED: goes to aftersales (AFS-4)' if shipment.damaged else ''}"
                        f" (LOG-6)"))
    for refusal in refusals:
        stages.append(_stage(
            "dispatch refused", "refused", refusal.refused_at, refusal.refused_at,
            actor=refusal.refused_by, refs={"shipment_no": refusal.shipment_no},
            summary=refusal.reason))
    return sorted(stages, key=lambda stage: stage.started_at)


def _stage(stage, state, started_at, ended_at=None, *, actor=None, refs=None, summary=""):
    return JourneyStage(stage=stage, department=DEPARTMENT, state=state,
                        started_at=started_at, ended_at=ended_at, actor=actor,
                        refs=refs or {}, summary=summary)
