"""Replies and journey stages of the supplier follow-up (PRC-4, PRC-5, PRC-7)."""

from __future__ import annotations

from contracts.rpc.common import JourneyStage
from contracts.rpc.supplier_follow_up import SupplierFollowUpPublic
from procurement.domain.follow_up import SupplierFollowUp
from procurement.views import DEPARTMENT
from servicekit.journeys import stage


def follow_up_public(f: SupplierFollowUp) -> SupplierFollowUpPublic:
    return SupplierFollowUpPublic(
        po_no=f.po_no, order_no=f.order_no, needed_by=f.needed_by, ship_date=f.ship_date,
        confirmed_at=f.confirmed_at, confirmed_by=f.confirmed_by, slipped=f.slipped,
        remedy=f.remedy, remedy_holds=f.remedy_holds, new_material_date=f.new_material_date,
        reported_at=f.reported_at, shipped=f.shipped, carrier=f.carrier,
        checked_at=f.checked_at)


def follow_up_stages(f: SupplierFollowUp) -> list[JourneyStage]:
    ref = {"po_no": f.po_no}
    slip = f"; a slip: needed by {f.needed_by}" if f.slipped else ""
    stages = [stage(DEPARTMENT, "supplier confirmed ship date", "done", f.confirmed_at,
                    ended_at=f.confirmed_at, actor=f.confirmed_by, refs=ref,
                    summary=f"ships {f.ship_date} (PRC-4){slip}")]
    if f.slipped:
        if f.reported_at is None:
            stages.append(stage(DEPARTMENT, "slip to report", "waiting", f.confirmed_at,
                                refs=ref, summary="report it with a remedy within 30 "
                                                  "minutes (PRC-4)"))
        else:
            outcome = ("holds the plan" if f.remedy_holds else
                       f"cannot hold: material on {f.new_material_date}, the plan is re-dated "
                       f"(PRC-7)")
            signed = f"; signed off by {f.signed_off_by}" if f.signed_off_by else ""
            stages.append(stage(DEPARTMENT, "slip reported", "done", f.reported_at,
                                ended_at=f.reported_at, actor=f.reported_by, refs=ref,
                                summary=f"remedy {f.remedy}: {outcome}{signed} (PRC-4)"))
    if f.checked_at is not None:
        summary = (f"left with {f.carrier} {f.carrier_contact}".rstrip() if f.shipped
                   else f"missed shipment: {f.miss_reason}")
        stages.append(stage(DEPARTMENT, "ship-day check", "done" if f.shipped else "refused",
                            f.checked_at, ended_at=f.checked_at, actor=f.checked_by,
                            refs=ref, summary=f"{summary} (PRC-5)"))
    return stages
