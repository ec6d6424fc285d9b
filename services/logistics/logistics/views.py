"""What callers read: the replies and the journey as logistics saw it (X-3): payment as
logistics knows it, goods stocked, notice prepared, dispatch refused / dispatched,
delivered."""

from __future__ import annotations

from contracts.rpc.common import JourneyStage
from contracts.rpc.logistics import (
    CarrierClaimPublic,
    FinishedGoodsPublic,
    GoodsLinePublic,
    InvestigationPublic,
    MissingPartsPublic,
    PackagingNoticePublic,
    ShipmentPublic,
)
from logistics.domain.feedback import CarrierClaim, Investigation
from logistics.domain.instruction import InstructionCopy
from logistics.domain.lines import GoodsLine
from logistics.domain.missing_parts import MissingParts
from logistics.domain.model import DispatchRefusal, FinishedGoods, OrderCopy, Shipment
from logistics.domain.packaging import PackagingNotice
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
        damaged=shipment.damaged, instruction_no=shipment.instruction_no,
        signed_receipt_by=shipment.signed_receipt_by, customer_notice=shipment.customer_notice,
        missing_parts_no=shipment.missing_parts_no,
    )


def missing_parts_public(missing: MissingParts) -> MissingPartsPublic:
    return MissingPartsPublic(
        missing_no=missing.missing_no, order_no=missing.order_no,
        company_id=missing.company_id, short_shipment_no=missing.short_shipment_no,
        lines=_lines(missing.lines), owner=missing.owner,
        consent_given_by=missing.consent_given_by, consent_given_at=missing.consent_given_at,
        consent_channel=missing.consent_channel, status=missing.status,
        shipment_no=missing.shipment_no)


def investigation_public(each: Investigation) -> InvestigationPublic:
    return InvestigationPublic(**{name: getattr(each, name)
                                  for name in InvestigationPublic.model_fields})


def claim_public(claim: CarrierClaim) -> CarrierClaimPublic:
    return CarrierClaimPublic(**{name: getattr(claim, name)
                                 for name in CarrierClaimPublic.model_fields})


def finished_goods_public(entry: FinishedGoods) -> FinishedGoodsPublic:
    return FinishedGoodsPublic(
        order_no=entry.order_no, company_id=entry.company_id,
        stock_entry_no=entry.stock_entry_no, stocked_at=entry.stocked_at,
        lines=_lines(entry.lines), status=entry.status)


def journey(order: OrderCopy | None, payment: PaymentStatus | None,
            stock: list[FinishedGoods], shipments: list[Shipment],
            refusals: list[DispatchRefusal],
            more: list[JourneyStage] = ()) -> list[JourneyStage]:
    stages: list[JourneyStage] = list(more)
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
            summary=f"left with {shipment.carrier}{vehicle}"
                    + (f", signed for by {shipment.signed_receipt_by}"
                       if shipment.signed_receipt_by else "") + " (LOG-4, LOG-6)"))
        if shipment.customer_notice:
            stages.append(stage(
                DEPARTMENT, "customer notified", "done", shipment.dispatched_at,
                ended_at=shipment.dispatched_at, actor=shipment.dispatched_by, refs=refs,
                summary=f"{shipment.customer_notice} (LOG-6, same day)"))
    if shipment.delivered_at is not None:
        damage = "; DAMAGED: goes to aftersales (AFS-4)" if shipment.damaged else ""
        stages.append(stage(
            DEPARTMENT, "shipment delivered", "done", shipment.delivered_at,
            ended_at=shipment.delivered_at, actor=shipment.delivery_recorded_by,
            refs={**refs, "receipt_no": shipment.receipt_no or ""},
            summary=f"received by {shipment.received_by}{damage} (LOG-6)"))
    return stages


def flow_stages(instructions: list[InstructionCopy], missing: list[MissingParts],
                investigations: list[Investigation],
                claims: list[CarrierClaim]) -> list[JourneyStage]:
    """The shipping instruction worked from (LOG-2), missing parts (LOG-5), "not received"
    investigations and carrier claims (LOG-6)."""
    stages = [stage(
        DEPARTMENT, "shipping instruction received", "done", each.issued_at,
        ended_at=each.issued_at, actor=each.issued_by,
        refs={"instruction_no": each.instruction_no},
        summary=f"ship {each.ship_at.isoformat()}, arrive {each.arrival_at.isoformat()} at "
                f"{each.arrival_place} (LOG-2)") for each in instructions]
    for each in missing:
        lines = ", ".join(f"{line.product_code} x {line.quantity.normalize():f}"
                          for line in each.lines)
        stages.append(stage(
            DEPARTMENT, "missing parts", "done" if each.status == "delivered" else "waiting",
            each.recorded_at, actor=each.recorded_by,
            refs={"missing_no": each.missing_no, "shipment_no": each.shipment_no},
            summary=f"{lines} missing from {each.short_shipment_no}, owner {each.owner}; "
                    f"customer consent by {each.consent_given_by} ({each.consent_channel}, "
                    f"{each.consent_given_at.isoformat()}); {each.status} (LOG-5)"))
    for each in investigations:
        stages.append(stage(
            DEPARTMENT, "not received: investigation", "done" if each.closed_at else
            "in_progress", each.opened_at, ended_at=each.closed_at, actor=each.opened_by,
            refs={"investigation_no": each.investigation_no, "shipment_no": each.shipment_no},
            summary=f"reported by {each.reported_by}"
                    + (f"; found: {each.finding}" if each.finding else "") + " (LOG-6)"))
    for each in claims:
        outcome = (f"{each.outcome}, recovered {each.recovered_amount or 0}"
                   if each.outcome else "awaiting the carrier")
        stages.append(stage(
            DEPARTMENT, "carrier claim", "done" if each.settled_at else "waiting",
            each.opened_at, ended_at=each.settled_at, actor=each.opened_by,
            refs={"claim_no": each.claim_no, "shipment_no": each.shipment_no},
            summary=f"claim against {each.carrier} for {each.amount or 'an amount to assess'}: "
                    f"{each.description}; {outcome} (LOG-6)"))
    return stages


def packaging_public(notice: PackagingNotice) -> PackagingNoticePublic:
    return PackagingNoticePublic(**{name: getattr(notice, name)
                                    for name in PackagingNoticePublic.model_fields})


def packaging_stages(notice: PackagingNotice | None) -> list[JourneyStage]:
    """Rule LOG-1: the packaging notice, waiting for or given with its checklist."""
    if notice is None:
        return []
    moved = f"; forecast moved {notice.ready_moves} time(s)" if notice.ready_moves else ""
    if notice.notified_at is None:
        return [stage(DEPARTMENT, "packaging notice", "waiting", notice.goods_ready_at,
                      refs={"plan_no": notice.plan_no},
                      summary=f"goods forecast ready {notice.goods_ready_at.isoformat()}"
                              f"{moved} (LOG-1)")]
    return [stage(DEPARTMENT, "packaging notice", "done", notice.notified_at,
                  ended_at=notice.notified_at, actor=notice.notified_by,
                  refs={"plan_no": notice.plan_no},
                  summary=f"packing: {notice.packing}; accessories: {notice.accessories}; "
                          f"documents: {notice.documents}; goods ready "
                          f"{notice.goods_ready_at.isoformat()}{moved} (LOG-1)")]
