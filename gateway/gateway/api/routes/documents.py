"""Documents (X-4): each business paper as a PDF, for printing, from the page or the API.

A document is fetched through the same service calls as the screens (so the user sees
only their companies' papers) and rendered by gateway.documents. Adding one: a builder
in gateway/documents/kinds.py and a route here (docs/web-pages.md).
"""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime

from fastapi import APIRouter, HTTPException, Response

from contracts.rpc.common import BusinessNo
from gateway.api.deps import ActorDep, ServicesDep, SettingsDep, require_roles
from gateway.api.openapi import file_answer
from gateway.documents import kinds
from gateway.documents.companies import printed_company
from gateway.documents.sheet import Sheet, moment, render_pdf
from gateway.rpc.errors import RemoteError
from gateway.web import company_timezone

router = APIRouter(prefix="/documents", tags=["documents"])
PDF = file_answer("application/pdf", "the document as a PDF",
                  extra={404: "no such record in your companies"})
SALES = ("sales", "general_manager", "group_general_manager")


async def pdf(sheet: Sheet, filename: str) -> Response:
    body = await asyncio.to_thread(render_pdf, sheet)  # CPU-bound: off the event loop
    return Response(body, media_type="application/pdf", headers={
        "Content-Disposition": f'inline; filename="{filename}.pdf"'})


def _context(settings, company_id: str) -> tuple[str, str, str]:
    zone = company_timezone()
    printed = moment(datetime.now(UTC), zone)
    return printed_company(settings.USERS_FILE, company_id), zone, printed


@router.get("/contract/{order_no}", response_class=Response, responses=PDF,
            dependencies=[require_roles(*SALES)])
async def contract_document(order_no: BusinessNo, actor: ActorDep, services: ServicesDep,
                            settings: SettingsDep) -> Response:
    """The order's contract (订单购销单, SAL-6) as a PDF."""
    order = await services.sales.get_order(actor, order_no)
    customers = await services.sales.list_customers(actor)
    customer = next((c for c in customers if c.company_id == order.company_id
                     and c.customer_code == order.customer_code), None)
    return await pdf(kinds.contract(order, customer, *_context(settings, order.company_id)),
                     f"contract-{order.order_no}")


@router.get("/production-instruction/{order_no}", response_class=Response, responses=PDF,
            dependencies=[require_roles(*SALES, "planning")])
async def production_instruction_document(order_no: BusinessNo, actor: ActorDep,
                                          services: ServicesDep,
                                          settings: SettingsDep) -> Response:
    """The order's production instruction (生产指令, SAL-7) as a PDF, with its plan if made."""
    order = await services.sales.get_order(actor, order_no)
    try:
        plan = await services.planning.get_plan(actor, order_no)
    except RemoteError:  # not planned yet: the instruction prints without the plan
        plan = None
    return await pdf(kinds.production_instruction(
        order, plan, *_context(settings, order.company_id)), f"instruction-{order.order_no}")


@router.get("/purchase-order/{po_no}", response_class=Response, responses=PDF,
            dependencies=[require_roles("procurement", "group_general_manager")])
async def purchase_order_document(po_no: BusinessNo, actor: ActorDep, services: ServicesDep,
                                  settings: SettingsDep) -> Response:
    """A purchase order (采购订单) as a PDF."""
    po = await services.procurement.get_purchase_order(actor, po_no)
    return await pdf(kinds.purchase_order(po, *_context(settings, po.company_id)),
                     f"po-{po.po_no}")


@router.get("/inspection-report/{lot_no}", response_class=Response, responses=PDF,
            dependencies=[require_roles("quality", "group_general_manager")])
async def inspection_report_document(lot_no: BusinessNo, actor: ActorDep,
                                     services: ServicesDep, settings: SettingsDep) -> Response:
    """An incoming lot's inspection report (进货检验报告, QLT-1) as a PDF."""
    lots = await services.quality.list_lots(actor, None, 1000)
    lot = next((lot for lot in lots if lot.lot_no == lot_no), None)
    if lot is None:
        raise HTTPException(404, f"lot {lot_no} not found")
    return await pdf(kinds.inspection_report(lot, *_context(settings, lot.company_id)),
                     f"inspection-{lot.lot_no}")


@router.get("/final-inspection-report/{order_no}", response_class=Response, responses=PDF,
            dependencies=[require_roles("quality", "group_general_manager")])
async def final_inspection_document(order_no: BusinessNo, actor: ActorDep,
                                    services: ServicesDep, settings: SettingsDep) -> Response:
    """An order's final inspection report (成品检验报告, QLT-2) as a PDF."""
    found = await services.quality.list_final_inspections(actor, None, 1000)
    inspection = next((f for f in found if f.order_no == order_no), None)
    if inspection is None:
        raise HTTPException(404, f"no final inspection of order {order_no}")
    order = await services.sales.get_order(actor, order_no)  # the lines inspected
    return await pdf(kinds.final_inspection_report(
        inspection, order, *_context(settings, inspection.company_id)),
        f"final-inspection-{order_no}")


@router.get("/shipping-notice/{shipment_no}", response_class=Response, responses=PDF,
            dependencies=[require_roles("logistics", *SALES)])
async def shipping_notice_document(shipment_no: BusinessNo, actor: ActorDep,
                                   services: ServicesDep, settings: SettingsDep) -> Response:
    """A shipment's shipping notice (发货通知单, LOG-3) as a PDF."""
    shipments = await services.logistics.list_shipments(actor, None, None, 1000)
    shipment = next((s for s in shipments if s.shipment_no == shipment_no), None)
    if shipment is None:
        raise HTTPException(404, f"shipment {shipment_no} not found")
    return await pdf(kinds.shipping_notice(shipment, *_context(settings, shipment.company_id)),
                     f"shipping-notice-{shipment.shipment_no}")


@router.get("/change-notice/{change_no}", response_class=Response, responses=PDF,
            dependencies=[require_roles(*SALES, "design")])
async def change_notice_document(change_no: BusinessNo, actor: ActorDep, services: ServicesDep,
                                 settings: SettingsDep) -> Response:
    """A change notice (更改通知单, SAL-8, PLN-15) as a PDF, lines before and after."""
    change = await services.sales.get_change(actor, change_no)
    order = await services.sales.get_order(actor, change.order_no)
    return await pdf(kinds.change_notice(change, order, *_context(settings, order.company_id)),
                     f"change-notice-{change.change_no}")


@router.get("/ncr/{ncr_no}", response_class=Response, responses=PDF,
            dependencies=[require_roles("quality", "group_general_manager")])
async def nonconformance_document(ncr_no: BusinessNo, actor: ActorDep, services: ServicesDep,
                                  settings: SettingsDep) -> Response:
    """A nonconformance report (不合格品报告, NCR, QLT-4) as a PDF."""
    ncr = await services.quality.get_nonconformance(actor, ncr_no)
    return await pdf(kinds.nonconformance_report(ncr, *_context(settings, ncr.company_id)),
                     f"ncr-{ncr.ncr_no}")
