"""What callers read: the replies and the journey as logistics saw it (X-3): payment as
logistics knows it, goods stocked, notice prepared, dispatch refused / dispatched,
delivered."""

from __future__ import annotations

from contracts.rpc.common import JourneyStage
from contracts.rpc.logistics import FinishedGoodsPublic, GoodsLinePublic, ShipmentPublic
from logistics.domain.lines import GoodsLine
from logistics.domain.model import DispatchRefusal, FinishedGoods, OrderCopy, Shipment
from logistics.domain.payment import PaymentStatus
from servicekit.journeys import stage

DEPARTMENT = "logistics"
PAYMENT_STAGE = "payment status (logistics' copy)"


def _lines(lines: tuple[GoodsLine, ...]) -> list[GoodsLinePublic]:
    return [GoodsLinePublic(product_code=line.product_code, quantity=line.quantity)
            for line in lines]


def shipment_public(shipment: Shipment, payment: PaymentStatus | None) -> ShipmentPublic:
    return ShipmentPublic(
        shipment_no=shipment.shipment_no, order_no=shipment.order_no,
        company_id=shipment.company_id, customer_code=shipment.customer_code,
        destination=shipment.destination, status=shipment.status,
        payment_cleared=bool(payment and payment.cleared_for_shipment),
        carrier=shipment.carrier, vehicle_no=shipment.vehicle_no,
        prepared_at=shipment.prepared_at, dispatched_at=shipment.dispatched_at,
        delivered_at=shipment.delivered_at, received_by=shipment.received_by,
        receipt_no=shipment.receipt_no, lines=_lines(shipment.lines),
        planned_ship_at=shipment.planned_ship_at, expected_arrival=shipment.expected_arrival,
        damaged=shipment.damaged,
    )


def finished_goods_public(entry: FinishedGoods) -> FinishedGoodsPublic:
    return FinishedGoodsPublic(
        order_no=entry.order_no, company_id=entry.company_id,
        stock_entry_no=entry.stock_entry_no, stocked_at=entry.stocked_at,
        lines=_lines(entry.lines), status=entry.status)


def journey(order: OrderCopy | None, payment: PaymentStatus | None,
            stock: list[FinishedGoods], shipments: list[Shipment],
            refusals: list[DispatchRefusal]) -> list[JourneyStage]:
    stages: list[JourneyStage] = []
    if payment is not None:
        stages.append(stage(
            DEPARTMENT, PAYMENT_STAGE, "done" if payment.cleared_for_shipment else "waiting",
            payment.first_confirmed_at,
            ended_at=payment.last_confirmed_at if payment.cleared_for_shipment else None,
            refs={"contract_no": payment.contract_no},
            summary=payment.summary() + " (LOG-2)"))
    elif order is not None:
        stages.append(stage(
            DEPARTMENT, PAYMENT_STAGE, "waiting", order.received_at,
            refs={"contract_no": order.contract_no},
            summary="no payment confirmation from sales yet; goods cannot leave (LOG-2)"))
    for entry in stock:
        lines = ", ".join(f"{line.product_code} x {line.quantity.normalize():f}"
                          for line in entry.lines)
        stages.append(stage(
            DEPARTMENT, "finished goods stocked", "done", entry.stocked_at,
            ended_at=entry.stocked_at,
            refs={"stock_entry_no": entry.stock_entry_no, "inspection_no": entry.inspection_no},
            summary=f"packed and stocked ({entry.status}): {lines or 'lines per order'} "
                    f"(PLN-12)"))
    for shipment in shipments:
        stages.extend(_shipment_stages(shipment))
    for refusal in refusals:
        stages.append(stage(
            DEPARTMENT, "dispatch refused", "refused", refusal.refused_at,
            ended_at=refusal.refused_at, actor=refusal.refused_by,
            refs={"shipment_no": refusal.shipment_no}, summary=refusal.reason))
    return sorted(stages, key=lambda each: each.started_at)


def _shipment_stages(shipment: Shipment) -> list[JourneyStage]:
    refs = {"shipment_no": shipment.shipment_no}
    stages = [stage(
        DEPARTMENT, "shipment prepared", "done", shipment.prepared_at,
        ended_at=shipment.prepared_at, actor=shipment.prepared_by, refs=refs,
        summary=f"shipping notice to {shipment.destination}; picking checked (LOG-2, LOG-3)")]
    if shipment.dispatched_at is not None:
        vehicle = f" vehicle {shipment.vehicle_no}" if shipment.vehicle_no else ""
        stages.append(stage(
            DEPARTMENT, "shipment dispatched", "done", shipment.dispatched_at,
            ended_at=shipment.dispatched_at, actor=shipment.dispatched_by,
            refs={**refs, "carrier": shipment.carrier or ""},
            summary=f"left with {shipment.carrier}{vehicle} (LOG-4, LOG-6)"))
    if shipment.delivered_at is not None:
        damage = "; DAMAGED: goes to aftersales (AFS-4)" if shipment.damaged else ""
        stages.append(stage(
            DEPARTMENT, "shipment delivered", "done", shipment.delivered_at,
            ended_at=shipment.delivered_at, actor=shipment.delivery_recorded_by,
            refs={**refs, "receipt_no": shipment.receipt_no or ""},
            summary=f"received by {shipment.received_by}{damage} (LOG-6)"))
    return stages
