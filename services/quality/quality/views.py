"""What callers read: lots, final inspections, supplier statistics and the journey as quality
saw it (QLT-1, QLT-2, QLT-4, QLT-5, X-3)."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal

from contracts.rpc.common import JourneyStage
from contracts.rpc.quality import (
    FinalInspectionPublic,
    FindingPublic,
    LotInspectionPublic,
    NonconformancePublic,
    SupplierLotPassRatePublic,
)
from quality.domain import final, findings, inspection
from quality.domain.final import FinalInspection
from quality.domain.findings import Finding
from quality.domain.inspection import Lot
from quality.domain.nonconformance import Nonconformance
from servicekit.journeys import stage

DEPARTMENT = "quality"
_LOT_STATE = {inspection.PENDING: "waiting", inspection.ACCEPTED: "done",
              inspection.REJECTED: "refused"}
_FINAL_STATE = {final.PENDING: "waiting", final.PASSED: "done", final.FAILED: "refused"}


def lot_public(lot: Lot) -> LotInspectionPublic:
    return LotInspectionPublic(
        lot_no=lot.lot_no, company_id=lot.company_id, po_no=lot.po_no, order_no=lot.order_no,
        material_code=lot.material_code, supplier_code=lot.supplier_code,
        quantity=lot.quantity, status=lot.status, sample_size=lot.sample_size,
        defects=lot.defects, pass_rate=lot.pass_rate, serious_defects=lot.serious_defects,
        reasons=lot.reasons, received_at=lot.received_at, inspected_at=lot.inspected_at,
        inspected_by=lot.inspected_by,
    )


def final_public(item: FinalInspection) -> FinalInspectionPublic:
    return FinalInspectionPublic(
        inspection_no=item.inspection_no, order_no=item.order_no, company_id=item.company_id,
        status=item.status, findings=item.findings, inspected_by=item.inspected_by,
        inspected_at=item.inspected_at)


def supplier_lot_pass_rates(stats: Mapping[str, dict]) -> list[SupplierLotPassRatePublic]:
    """QLT-5: one row per supplier, by supplier code."""
    return [SupplierLotPassRatePublic(supplier_code=supplier, **entry)
            for supplier, entry in sorted(stats.items())]


def journey(lots: list[Lot], finals: list[FinalInspection],
            ncrs: Mapping[str, list[Nonconformance]], found: list[Finding] = (),
            complaints: list[Nonconformance] = ()) -> list[JourneyStage]:
    """Each lot's incoming inspection, then each final inspection; `ncrs` by source number;
    then each finding (QLT-3) and each NCR a customer's complaint opened (AFS-4)."""
    return ([_lot_stage(lot, ncrs.get(lot.lot_no, [])) for lot in lots]
            + [_final_stage(item, ncrs.get(item.inspection_no, [])) for item in finals]
            + [_finding_stage(f) for f in found]
            + [_complaint_stage(n) for n in complaints])


def finding_public(finding: Finding) -> FindingPublic:
    return FindingPublic(**{k: v for k, v in finding.__dict__.items()},
                         reacts=findings.WHO_REACTS[finding.kind])


def ncr_public(ncr: Nonconformance) -> NonconformancePublic:
    return NonconformancePublic(**ncr.__dict__)


_FINDING_STATE = {findings.RECORDED: "waiting", findings.REACTED: "in_progress",
                  findings.RESOLVED: "done"}


def _finding_stage(finding: Finding) -> JourneyStage:
    summary = f"{finding.kind} finding: {finding.description}; reacts: " \
              f"{findings.WHO_REACTS[finding.kind]}"
    if finding.resolution:
        summary += f"; resolved: {finding.resolution}"
    elif finding.action:
        summary += f"; reaction: {finding.action}"
    ended = finding.resolved_at if finding.goes_to_leader else finding.reacted_at
    return stage(DEPARTMENT, "finding", _FINDING_STATE[finding.status], finding.found_at,
                 ended_at=ended, actor=finding.resolved_by or finding.reacted_by
                 or finding.found_by,
                 refs={"finding_no": finding.finding_no, "ncr_no": finding.ncr_no},
                 summary=summary)


def _complaint_stage(ncr: Nonconformance) -> JourneyStage:
    state = {"open": "waiting", "disposed": "in_progress", "closed": "done"}[ncr.status]
    return stage(DEPARTMENT, "nonconformance from a complaint", state, ncr.opened_at,
                 ended_at=ncr.closed_at, actor=ncr.disposed_by or ncr.opened_by,
                 refs={"ncr_no": ncr.ncr_no, "request_no": ", ".join(ncr.complaints)},
                 summary=f"{ncr.cause} ({ncr.disposition})")


def _lot_stage(lot: Lot, ncrs: list[Nonconformance]) -> JourneyStage:
    summary = f"{_qty(lot.quantity)} {lot.material_code} from {lot.supplier_code}: "
    if lot.status == inspection.PENDING:
        summary += "awaiting incoming inspection"
    else:
        summary += f"pass rate {lot.pass_rate * 100:.2f}%, {lot.status}"
        if lot.reasons:
            summary += " (" + "; ".join(lot.reasons) + ")"
    return stage(DEPARTMENT, "incoming inspection", _LOT_STATE[lot.status], lot.received_at,
                 ended_at=lot.inspected_at, actor=lot.inspected_by,
                 refs={"lot_no": lot.lot_no, "po_no": lot.po_no,
                       "replacement_for": lot.replacement_for,
                       "ncr_no": ncrs[0].ncr_no if ncrs else None},
                 summary=summary)


def _final_stage(item: FinalInspection, ncrs: list[Nonconformance]) -> JourneyStage:
    summary = {final.PENDING: "production completed; awaiting final inspection",
               final.PASSED: "passed final inspection",
               final.FAILED: f"failed final inspection: {item.findings}"}[item.status]
    return stage(DEPARTMENT, "final inspection", _FINAL_STATE[item.status], item.created_at,
                 ended_at=item.inspected_at, actor=item.inspected_by,
                 refs={"inspection_no": item.inspection_no, "plan_no": item.plan_no,
                       "ncr_no": ncrs[0].ncr_no if ncrs else None},
                 summary=summary)


def _qty(quantity: Decimal) -> str:
    return format(quantity.normalize(), "f")
