"""Read models: purchase orders as the contracts show them, and procurement's journey."""

from __future__ import annotations

from contracts.rpc.common import Actor, JourneyStage
from contracts.rpc.procurement import LotPublic, PurchaseOrderPublic
from procurement.domain import purchasing, requests
from procurement.domain.purchasing import PurchaseOrder
from procurement.domain.requests import MaterialRequest

DEPARTMENT = "procurement"


def po_public(po: PurchaseOrder) -> PurchaseOrderPublic:
    return PurchaseOrderPublic(
        po_no=po.po_no, company_id=po.company_id, order_no=po.order_no,
        request_no=po.request_no, material_code=po.material_code, quantity=po.quantity,
        supplier_code=po.supplier_code, unit_price=po.unit_price,
        confirmed_date=po.confirmed_date, status=po.status,
        lots=[LotPublic(lot_no=lot.lot_no, quantity=lot.quantity, status=lot.status,
                        received_at=lot.received_at, replacement_for=lot.replacement_for)
              for lot in po.lots],
    )


def journey(actor: Actor, order_no: str, uow) -> list[JourneyStage]:
    """Procurement's stages of an order, per material request (X-3)."""
    with uow:
        reqs = [r for r in uow.requests.for_order(order_no) if actor.may_see(r.company_id)]
        deadlines = {d.subject: d for d in uow.deadlines.for_order(order_no)}
        stages: list[JourneyStage] = []
        for request in reqs:
            po = uow.purchase_orders.get(request.po_no) if request.po_no else None
            stages += request_stages(request, po, deadlines)
    return stages


def request_stages(request: MaterialRequest, po: PurchaseOrder | None,
                   deadlines: dict) -> list[JourneyStage]:
    ref = {"request_no": request.request_no, "material_code": request.material_code}
    stages = [_stage("material requested", "done", request.requested_at, request.requested_at,
                     ref, f"{request.quantity} {request.material_code} needed by "
                          f"{request.needed_by}")]
    if request.source == "stock":
        stages.append(_stage("matched from stock", "done", request.covered_at,
                             request.covered_at, ref,
                             f"reserved in {request.company_id}'s store (PRC-1)"))
    elif request.source == "transfer":
        stages.append(_stage("transferred from sister company", "done", request.covered_at,
                             request.covered_at, {**ref, "from_company": request.from_company},
                             f"moved from {request.from_company} to {request.company_id} "
                             f"and reserved (PRC-3)"))
    elif request.status == requests.UNSOURCED:
        stages.append(_stage("sourcing", "waiting", request.requested_at, None, ref,
                             "no approved supplier offers this material (PRC-2); "
                             "a buyer must source it"))
    if po is not None:
        stages += po_stages(po, deadlines.get(f"PO {po.po_no}"))
    return stages


def po_stages(po: PurchaseOrder, deadline) -> list[JourneyStage]:
    ref = {"po_no": po.po_no, "request_no": po.request_no, "supplier_code": po.supplier_code}
    summary = (f"{po.quantity} {po.material_code} from {po.supplier_code} at {po.unit_price}, "
               f"confirmed date {po.confirmed_date} (PRC-2)")
    if deadline is not None:
        summary += (f"; PRC-4 supplier confirmation due {deadline.due_at.isoformat()} "
                    f"({deadline.status})")
    stages = [_stage("purchase order placed", "done", po.placed_at, po.placed_at, ref, summary)]
    for lot in po.lots:
        lot_ref = {**ref, "lot_no": lot.lot_no}
        if lot.replacement_for:
            lot_ref["replacement_for"] = lot.replacement_for
        stages.append(_stage(
            "goods received", "done", lot.received_at, lot.received_at, lot_ref,
            f"{lot.quantity} received (delivery note {lot.delivery_note_quantity})"
            + (" awaiting incoming inspection" if lot.status == purchasing.LOT_AWAITING else ""),
            actor=lot.received_by))
        if lot.status == purchasing.LOT_REJECTED:
            stages.append(_stage("returned to supplier", "done", lot.inspected_at,
                                 lot.inspected_at, lot_ref,
                                 "rejected at IQC (QLT-1): " + "; ".join(lot.reasons),
                                 actor=lot.inspected_by))
        elif lot.status == purchasing.LOT_ACCEPTED:
            stages.append(_stage("accepted into store", "done", lot.inspected_at,
                                 lot.inspected_at, lot_ref,
                                 f"{lot.quantity} into {po.company_id}'s store, reserved for "
                                 f"{po.request_no} (PRC-6)", actor=lot.inspected_by))
    if po.status == purchasing.AWAITING_REPLACEMENT:
        rejected = po.unreplaced_rejection()
        stages.append(_stage("awaiting replacement", "waiting", rejected.inspected_at, None,
                             {**ref, "lot_no": rejected.lot_no},
                             f"{po.supplier_code} owes a replacement for {rejected.lot_no}"))
    elif po.status == purchasing.PLACED and not po.lots:
        stages.append(_stage("awaiting delivery", "waiting", po.placed_at, None, ref,
                             f"due {po.confirmed_date}"))
    return stages


def _stage(stage, state, started_at, ended_at, refs, summary, actor=None) -> JourneyStage:
    return JourneyStage(stage=stage, department=DEPARTMENT, state=state, started_at=started_at,
                        ended_at=ended_at, actor=actor,
                        refs={k: str(v) for k, v in refs.items() if v is not None},
                        summary=summary)
