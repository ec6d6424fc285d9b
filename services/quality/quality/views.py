"""What callers read: lots, final inspections, supplier statistics and the journey as quality
saw it (QLT-1, QLT-2, QLT-4, QLT-5, X-3)."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal

from contracts.rpc.common import JourneyStage
from contracts.rpc.quality import (
    FinalInspectionPublic,
    LotInspectionPublic,
    SupplierLotPassRatePublic,
)
from quality.domain import final, inspection
from quality.domain.final import FinalInspection
from quality.domain.inspection import Lot, Nonconformance
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
            ncrs: Mapping[str, list[Nonconformance]]) -> list[JourneyStage]:
    """Each lot's incoming inspection, then each final inspection; `ncrs` by source number."""
    return ([_lot_stage(lot, ncrs.get(lot.lot_no, [])) for lot in lots]
            + [_final_stage(item, ncrs.get(item.inspection_no, [])) for item in finals])


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
