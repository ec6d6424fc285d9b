"""Quality's RPC use cases: plain functions `f(actor, payload..., uow)`; `with uow: ...;
uow.commit()`.

They scope every lot and inspection to the actor's companies (another company's is not
found), raise quality's refusals (domain/errors.py; servicekit.rpcs maps them to wire
errors), and emit quality's events through the outbox in the same transaction as the
verdict. What other departments report is in inbound.py.
"""

from __future__ import annotations

from datetime import datetime

from contracts.events.quality import (
    FinalInspectionFailed,
    FinalInspectionPassed,
    FinalInspectionStatus,
    LotAccepted,
    LotRejected,
    LotStatus,
)
from contracts.rpc.common import Actor, JourneyStage
from contracts.rpc.quality import (
    FinalInspectionCreate,
    FinalInspectionPublic,
    InspectionCreate,
    LotInspectionPublic,
    SupplierLotPassRatePublic,
)
from quality import handlers_tasks, views
from quality.domain import final
from quality.domain.errors import LotNotFound, OrderNotFound
from quality.domain.inspection import (
    Lot,
    Verdict,
    lot_pass_rates,
    nonconformance_for_rejected_lot,
)
from quality.domain.nonconformance import Nonconformance
from servicekit import clock


def _visible_lot(actor: Actor, lot_no: str, uow) -> Lot:
    lot = uow.lots.get(lot_no)
    if lot is None or not actor.may_see(lot.company_id):
        raise LotNotFound(f"lot {lot_no} not found", {"lot_no": lot_no})
    return lot


# -- incoming inspection (QLT-1, QLT-4) -----------------------------------------------------

def list_lots(actor: Actor, status: LotStatus | None, limit: int, uow,
              order_no: str | None = None) -> list[LotInspectionPublic]:
    with uow:
        return [views.lot_public(lot) for lot in
                uow.lots.list(actor.companies, status, order_no=order_no, limit=limit)]


def inspect_lot(actor: Actor, lot_no: str, inspection: InspectionCreate, uow,
                now: datetime | None = None) -> LotInspectionPublic:
    """QLT-1: rejected below MIN_PASS_RATE or on any serious defect; a lot is inspected once.
    A rejection is a nonconformance to return the lot (QLT-4, PRC-6)."""
    with uow:
        lot = _visible_lot(actor, lot_no, uow)
        verdict = lot.inspect(sample_size=inspection.sample_size, defects=inspection.defects,
                              serious_defects=inspection.serious_defects,
                              inspected_by=actor.username, at=clock.now(now),
                              notes=inspection.notes)
        uow.lots.save(lot)
        if verdict.accepted:
            uow.emit("quality.lot_accepted", LotAccepted(**_inspected(lot)),
                     company_id=lot.company_id, order_no=lot.order_no)
        else:
            uow.nonconformances.add(nonconformance_for_rejected_lot(
                lot, uow.numbers.next("NCR", lot.company_id)))
            uow.emit("quality.lot_rejected", _rejected(lot, verdict),
                     company_id=lot.company_id, order_no=lot.order_no)
        uow.commit()
    return views.lot_public(lot)


def _inspected(lot: Lot) -> dict:
    return dict(lot_no=lot.lot_no, po_no=lot.po_no, order_no=lot.order_no,
                material_code=lot.material_code, supplier_code=lot.supplier_code,
                quantity=lot.quantity, sample_size=lot.sample_size, defects=lot.defects,
                pass_rate=lot.pass_rate, inspected_by=lot.inspected_by,
                inspected_at=lot.inspected_at)


def _rejected(lot: Lot, verdict: Verdict) -> LotRejected:
    return LotRejected(**_inspected(lot), serious_defects=list(verdict.serious_defects),
                       reasons=list(verdict.reasons))


# -- final inspection (QLT-2, QLT-4) -----------------------------------------------------------

def list_final_inspections(actor: Actor, status: FinalInspectionStatus | None, limit: int,
                           uow, order_no: str | None = None) -> list[FinalInspectionPublic]:
    with uow:
        return [views.final_public(item) for item in uow.final_inspections.list(
            actor.companies, status, limit=limit, order_no=order_no)]


def record_final_inspection(actor: Actor, order_no: str, result: FinalInspectionCreate, uow,
                            now: datetime | None = None) -> FinalInspectionPublic:
    """QLT-2: refused unless production completed and an inspection is pending. Passed goes
    to logistics; failed is a nonconformance to rework (QLT-4) and goes to planning."""
    with uow:
        existing = uow.final_inspections.for_order(order_no)
        if existing and not any(actor.may_see(i.company_id) for i in existing):
            raise OrderNotFound(f"order {order_no} not found", {"order_no": order_no})
        item = final.awaiting(existing, order_no)
        item.record(passed=result.passed, findings=result.findings,
                    inspected_by=actor.username, at=clock.now(now))
        uow.final_inspections.save(item)
        handlers_tasks.final_inspected(uow, order_no, item.inspected_by, item.inspected_at)
        if item.status == final.PASSED:
            uow.emit("quality.final_inspection_passed", FinalInspectionPassed(
                order_no=order_no, inspection_no=item.inspection_no,
                inspected_by=item.inspected_by, inspected_at=item.inspected_at,
                lines=item.lines), company_id=item.company_id, order_no=order_no)
        else:
            uow.nonconformances.add(Nonconformance(
                ncr_no=uow.numbers.next("NCR", item.company_id), company_id=item.company_id,
                source="final", source_no=item.inspection_no, order_no=order_no,
                cause=item.findings, disposition="rework", opened_at=item.inspected_at,
                opened_by=item.inspected_by))
            uow.emit("quality.final_inspection_failed", FinalInspectionFailed(
                order_no=order_no, inspection_no=item.inspection_no,
                inspected_by=item.inspected_by, findings=item.findings),
                company_id=item.company_id, order_no=order_no)
        uow.commit()
    return views.final_public(item)


# -- journey and statistics ----------------------------------------------------------------

def journey(actor: Actor, order_no: str, uow) -> list[JourneyStage]:
    """Quality's stages of an order: each lot's IQC (QLT-1) and each final inspection
    (QLT-2), with their nonconformances (QLT-4), its findings (QLT-3) and the NCRs its
    complaints opened (AFS-4); empty for what quality does not hold."""
    with uow:
        lots = uow.lots.list(actor.companies, order_no=order_no)
        finals = [i for i in uow.final_inspections.for_order(order_no)
                  if actor.may_see(i.company_id)]
        ncrs = {source_no: uow.nonconformances.for_source(source_no)
                for source_no in [lot.lot_no for lot in lots]
                + [i.inspection_no for i in finals]}
        found = uow.findings.list(actor.companies, order_no=order_no)
        complaints = uow.nonconformances.list(actor.companies, order_no=order_no,
                                              source="complaint")
    return views.journey(lots, finals, ncrs, found, complaints)


def supplier_lot_pass_rates(actor: Actor, limit: int, uow) -> list[SupplierLotPassRatePublic]:
    """QLT-5 (first piece): share of inspected lots accepted, per supplier (by code)."""
    with uow:
        lots = uow.lots.list(actor.companies)
    return views.supplier_lot_pass_rates(lot_pass_rates(lots))[:limit]
