"""Quality use cases: plain functions taking a command or event and a unit of work."""

from __future__ import annotations

import logging
from datetime import UTC, datetime

from contracts.errors import Conflict, InvalidRequest, NotFound
from contracts.events.planning import ProductionCompleted
from contracts.events.procurement import GoodsReceived
from contracts.events.quality import (
    FinalInspectionFailed,
    FinalInspectionPassed,
    LotAccepted,
    LotRejected,
)
from contracts.rpc.common import Actor, JourneyStage
from contracts.rpc.quality import (
    FinalInspectionCreate,
    FinalInspectionPublic,
    InspectionCreate,
    LotInspectionPublic,
)
from quality.domain import final, inspection
from quality.domain.final import FinalInspection
from quality.domain.inspection import Lot, Nonconformance

log = logging.getLogger(__name__)


def _now(now: datetime | None) -> datetime:
    return now or datetime.now(UTC)


# -- incoming inspection (QLT-1) ----------------------------------------------------

def record_lot(event: GoodsReceived, company_id: str, uow, now: datetime | None = None) -> None:
    """A delivery procurement received waits for incoming inspection (PRC-6, QLT-1)."""
    with uow:
        if uow.lots.get(event.lot_no) is not None:
            log.info("lot %s is already recorded; repeat goods_received ignored", event.lot_no)
            uow.commit()  # still mark the event handled
            return
        uow.lots.add(Lot(
            lot_no=event.lot_no, company_id=company_id, po_no=event.po_no,
            order_no=event.order_no, material_code=event.material_code,
            supplier_code=event.supplier_code, quantity=event.quantity,
            delivery_note_quantity=event.delivery_note_quantity,
            replacement_for=event.replacement_for, received_at=_now(now),
        ))
        uow.commit()


def inspect_lot(actor: Actor, lot_no: str, cmd: InspectionCreate, uow,
                now: datetime | None = None) -> LotInspectionPublic:
    """QLT-1: rejected below 95% pass rate or on any serious defect; once per lot."""
    with uow:
        lot = _visible_lot(actor, lot_no, uow)
        try:
            verdict = lot.inspect(sample_size=cmd.sample_size, defects=cmd.defects,
                                  serious_defects=cmd.serious_defects,
                                  inspected_by=actor.username, at=_now(now), notes=cmd.notes)
        except inspection.AlreadyInspected as exc:
            raise Conflict(str(exc), {"lot_no": lot_no, "status": lot.status}) from None
        except inspection.InspectionRefused as exc:
            raise InvalidRequest(str(exc)) from None
        uow.lots.save(lot)
        common = dict(
            lot_no=lot.lot_no, po_no=lot.po_no, order_no=lot.order_no,
            material_code=lot.material_code, supplier_code=lot.supplier_code,
            quantity=lot.quantity, sample_size=lot.sample_size, defects=lot.defects,
            pass_rate=lot.pass_rate, inspected_by=lot.inspected_by,
            inspected_at=lot.inspected_at,
        )
        if verdict.accepted:
            uow.emit("quality.lot_accepted", LotAccepted(**common),
                     company_id=lot.company_id, order_no=lot.order_no)
        else:
            # QLT-4: the rejection is a nonconformance, disposition "return" (PRC-6).
            uow.nonconformances.add(inspection.nonconformance_for_rejected_lot(
                lot, uow.numbers.next("NCR", lot.company_id)))
            uow.emit("quality.lot_rejected",
                     LotRejected(**common, serious_defects=list(verdict.serious_defects),
                                 reasons=list(verdict.reasons)),
                     company_id=lot.company_id, order_no=lot.order_no)
        uow.commit()
    return lot_public(lot)


def list_lots(actor: Actor, status: str | None, uow) -> list[LotInspectionPublic]:
    if status is not None and status not in inspection.LOT_STATUSES:
        raise InvalidRequest(f"status must be one of {inspection.LOT_STATUSES}")
    with uow:
        return [lot_public(lot) for lot in uow.lots.list(actor.companies, status)]


def _visible_lot(actor: Actor, lot_no: str, uow) -> Lot:
    lot = uow.lots.get(lot_no)
    if lot is None or not actor.may_see(lot.company_id):
        raise NotFound(f"lot {lot_no} not found")
    return lot


def lot_public(lot: Lot) -> LotInspectionPublic:
    return LotInspectionPublic(
        lot_no=lot.lot_no, company_id=lot.company_id, po_no=lot.po_no, order_no=lot.order_no,
        material_code=lot.material_code, supplier_code=lot.supplier_code,
        quantity=lot.quantity, status=lot.status, sample_size=lot.sample_size,
        defects=lot.defects, pass_rate=lot.pass_rate, serious_defects=lot.serious_defects,
        reasons=lot.reasons, received_at=lot.received_at, inspected_at=lot.inspected_at,
        inspected_by=lot.inspected_by,
    )


# -- final inspection (QLT-2) ---------------------------------------------------------

def await_final_inspection(event: ProductionCompleted, company_id: str, uow) -> None:
    """Production completed: a final inspection is pending (again, after rework)."""
    with uow:
        existing = uow.final_inspections.for_order(event.order_no)
        if not final.should_open_new(existing):
            log.info("order %s already has a pending or passed final inspection; "
                     "production_completed ignored", event.order_no)
            uow.commit()
            return
        uow.final_inspections.add(FinalInspection(
            inspection_no=uow.numbers.next("FI", company_id), company_id=company_id,
            order_no=event.order_no, plan_no=event.plan_no, created_at=event.completed_at,
            lines=[_json_safe(line) for line in event.lines],
        ))
        uow.commit()


def record_final_inspection(actor: Actor, order_no: str, cmd: FinalInspectionCreate, uow,
                            now: datetime | None = None) -> FinalInspectionPublic:
    """QLT-2: Conflict unless production completed and an inspection is pending."""
    with uow:
        existing = uow.final_inspections.for_order(order_no)
        if existing and not any(actor.may_see(i.company_id) for i in existing):
            raise NotFound(f"order {order_no} not found")
        pending = [i for i in existing if i.status == final.PENDING]
        if not pending:
            state = existing[-1].status if existing else "production not completed"
            raise Conflict(f"order {order_no} has no final inspection pending ({state})",
                           {"order_no": order_no})
        item = pending[-1]
        try:
            item.record(passed=cmd.passed, findings=cmd.findings,
                        inspected_by=actor.username, at=_now(now))
        except final.FinalInspectionRefused as exc:
            raise InvalidRequest(str(exc)) from None
        uow.final_inspections.save(item)
        if item.status == final.PASSED:
            uow.emit("quality.final_inspection_passed", FinalInspectionPassed(
                order_no=order_no, inspection_no=item.inspection_no,
                inspected_by=item.inspected_by, inspected_at=item.inspected_at,
                lines=item.lines), company_id=item.company_id, order_no=order_no)
        else:
            uow.nonconformances.add(Nonconformance(  # QLT-4: failed products are reworked
                ncr_no=uow.numbers.next("NCR", item.company_id), company_id=item.company_id,
                source="final", source_no=item.inspection_no, order_no=order_no,
                cause=item.findings, disposition="rework", opened_at=item.inspected_at,
                opened_by=item.inspected_by))
            uow.emit("quality.final_inspection_failed", FinalInspectionFailed(
                order_no=order_no, inspection_no=item.inspection_no,
                inspected_by=item.inspected_by, findings=item.findings),
                company_id=item.company_id, order_no=order_no)
        uow.commit()
    return final_public(item)


def list_final_inspections(actor: Actor, status: str | None, uow) -> list[FinalInspectionPublic]:
    if status is not None and status not in final.FINAL_STATUSES:
        raise InvalidRequest(f"status must be one of {final.FINAL_STATUSES}")
    with uow:
        return [final_public(i) for i in uow.final_inspections.list(actor.companies, status)]


def final_public(item: FinalInspection) -> FinalInspectionPublic:
    return FinalInspectionPublic(
        inspection_no=item.inspection_no, order_no=item.order_no, company_id=item.company_id,
        status=item.status, findings=item.findings, inspected_by=item.inspected_by,
        inspected_at=item.inspected_at)


def _json_safe(line: dict) -> dict:
    return {key: (str(value) if not isinstance(value, str | int | float | bool | None)
                  else value) for key, value in line.items()}


# -- journey and statistics -----------------------------------------------------------

_LOT_STATE = {inspection.PENDING: "waiting", inspection.ACCEPTED: "done",
              inspection.REJECTED: "refused"}
_FINAL_STATE = {final.PENDING: "waiting", final.PASSED: "done", final.FAILED: "refused"}


def journey(actor: Actor, order_no: str, uow) -> list[JourneyStage]:
    """Quality's stages of an order: each lot's IQC (QLT-1) and each final inspection (QLT-2)."""
    with uow:
        lots = [lot for lot in uow.lots.list(actor.companies, order_no=order_no)]
        finals = [i for i in uow.final_inspections.for_order(order_no)
                  if actor.may_see(i.company_id)]
        ncrs = {lot.lot_no: uow.nonconformances.for_source(lot.lot_no) for lot in lots}
        ncrs.update({i.inspection_no: uow.nonconformances.for_source(i.inspection_no)
                     for i in finals})
    stages = []
    for lot in lots:
        refs = {"lot_no": lot.lot_no, "po_no": lot.po_no}
        if lot.replacement_for:
            refs["replacement_for"] = lot.replacement_for
        if ncrs[lot.lot_no]:
            refs["ncr_no"] = ncrs[lot.lot_no][0].ncr_no
        summary = (f"{_qty(lot.quantity)} {lot.material_code} from {lot.supplier_code}: ")
        if lot.status == inspection.PENDING:
            summary += "awaiting incoming inspection"
        else:
            summary += f"pass rate {lot.pass_rate * 100:.2f}%, {lot.status}"
            if lot.reasons:
                summary += " (" + "; ".join(lot.reasons) + ")"
        stages.append(JourneyStage(
            stage="incoming inspection", department="quality", state=_LOT_STATE[lot.status],
            started_at=lot.received_at, ended_at=lot.inspected_at, actor=lot.inspected_by,
            refs=refs, summary=summary))
    for item in finals:
        refs = {"inspection_no": item.inspection_no, "plan_no": item.plan_no}
        if ncrs[item.inspection_no]:
            refs["ncr_no"] = ncrs[item.inspection_no][0].ncr_no
        summary = {final.PENDING: "production completed; awaiting final inspection",
                   final.PASSED: "passed final inspection",
                   final.FAILED: f"failed final inspection: {item.findings}"}[item.status]
        stages.append(JourneyStage(
            stage="final inspection", department="quality", state=_FINAL_STATE[item.status],
            started_at=item.created_at, ended_at=item.inspected_at, actor=item.inspected_by,
            refs=refs, summary=summary))
    return stages


def _qty(quantity) -> str:
    return format(quantity.normalize(), "f")


def supplier_lot_pass_rates(actor: Actor, uow) -> list[dict]:
    """QLT-5 (first piece): share of inspected lots accepted, per supplier."""
    with uow:
        lots = uow.lots.list(actor.companies)
    return [
        {"supplier_code": supplier, **stats, "lot_pass_rate": str(stats["lot_pass_rate"])}
        for supplier, stats in sorted(inspection.lot_pass_rates(lots).items())
    ]
