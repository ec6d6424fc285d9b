"""What callers read: purchase orders and stock as the contracts show them, and the
journey as procurement saw it (X-3)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime

from contracts.rpc.common import JourneyStage
from contracts.rpc.procurement import LotPublic, PurchaseOrderPublic, StockPublic
from procurement.domain import purchasing, requests
from procurement.domain.purchasing import PurchaseOrder
from procurement.domain.requests import MaterialRequest
from procurement.domain.stock import StockLevel
from servicekit.deadlines import Deadline
from servicekit.journeys import stage

DEPARTMENT = "procurement"


def po_public(po: PurchaseOrder) -> PurchaseOrderPublic:
    return PurchaseOrderPublic(
        po_no=po.po_no, company_id=po.company_id, order_no=po.order_no,
        request_no=po.request_no, material_code=po.material_code, quantity=po.quantity,
        supplier_code=po.supplier_code, unit_price=po.unit_price,
        confirmed_date=po.confirmed_date, status=po.status,
        lots=[LotPublic(lot_no=lot.lot_no, quantity=lot.quantity, status=lot.status,
                        received_at=lot.received_at, replacement_for=lot.replacement_for,
                        concession_ncr_no=lot.concession_ncr_no,
                        concession_unit_price=lot.concession_unit_price)
              for lot in po.lots],
        received_quantity=po.received_quantity, price_reduction=po.price_reduction,
    )


def stock_public(level: StockLevel) -> StockPublic:
    return StockPublic(company_id=level.company_id, material_code=level.material_code,
                       on_hand=level.on_hand, reserved=level.reserved)


def request_stages(request: MaterialRequest, po: PurchaseOrder | None,
                   prc4: Deadline | None,
                   transfers: Sequence[JourneyStage] = ()) -> list[JourneyStage]:
    """One material request's stages: what its own store reserved (PRC-1), its transfers
    from sisters (`transfers`, PRC-3), and its PO's (with `prc4`, the PO's
    supplier-confirmation limit)."""
    ref = {"request_no": request.request_no, "material_code": request.material_code}
    stages = [_stage("material requested", "done", request.requested_at, request.requested_at,
                     ref, f"{request.quantity} {request.material_code} needed by "
                          f"{request.needed_by}")]
    if request.own_quantity > 0:
        stages.append(_stage("matched from stock", "done", request.requested_at,
                             request.requested_at, ref,
                             f"{request.own_quantity} reserved in {request.company_id}'s "
                             f"store (PRC-1)"))
    elif request.source == "transfer" and request.from_company:  # instant, before 0007
        stages.append(_stage("transferred from sister company", "done", request.covered_at,
                             request.covered_at, {**ref, "from_company": request.from_company},
                             f"moved from {request.from_company} to {request.company_id} "
                             f"and reserved (PRC-3)"))
    stages += transfers
    if request.status == requests.UNSOURCED:
        stages.append(_stage("sourcing", "waiting", request.requested_at, None, ref,
                             "no approved supplier offers this material (PRC-2); "
                             "a buyer must source it"))
    if po is not None:
        stages += po_stages(po, prc4)
    return stages


def po_stages(po: PurchaseOrder, deadline: Deadline | None) -> list[JourneyStage]:
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


def _stage(name: str, state: str, started_at: datetime, ended_at: datetime | None,
           refs: Mapping[str, object], summary: str, actor: str | None = None) -> JourneyStage:
    return stage(DEPARTMENT, name, state, started_at, ended_at=ended_at, actor=actor,
                 refs=refs, summary=summary)
