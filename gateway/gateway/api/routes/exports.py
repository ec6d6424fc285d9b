"""Every list as an Excel workbook (.xlsx), with the filters and roles of the list itself.

Each export calls the list's own route function, so it answers exactly what the page
shows (the same scoping, filters and page); the headers come in the user's language
(``lang``, zh-CN by default) and times in the company's zone. Adding one is one small
route here (docs/web-pages.md).
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Response
from pydantic import BaseModel

from contracts.events.aftersales import RequestStatus
from contracts.events.planning import WorkOrderStatus
from contracts.events.quality import FinalInspectionStatus, LotStatus
from contracts.events.sales import OrderStatus
from contracts.rpc.aftersales import ServiceRequestPublic
from contracts.rpc.common import BusinessNo
from contracts.rpc.logistics import (
    FinishedGoodsPublic,
    ShipmentPublic,
    ShipmentStatus,
    StockStatus,
)
from contracts.rpc.planning import DemandPublic, WorkOrderPublic
from contracts.rpc.procurement import PurchaseOrderPublic, PurchaseOrderStatus
from contracts.rpc.quality import FinalInspectionPublic, LotInspectionPublic
from contracts.rpc.sales import CustomerPublic, OrderPublic
from gateway.api.deps import ActorDep, PageLimitQuery, ServicesDep, require_roles
from gateway.api.openapi import file_answer
from gateway.api.routes import aftersales, logistics, planning, procurement, quality, sales
from gateway.core.workbooks import XLSX
from gateway.i18n import label, language_of
from gateway.spreadsheets import workbook_of
from gateway.web import company_timezone

router = APIRouter(prefix="/exports", tags=["exports"])
XLSX_RESPONSE = file_answer(XLSX, "the list as an .xlsx workbook")
Lang = Annotated[str | None, Query(max_length=8, description="zh-CN (default) or en")]


def workbook(rows: list, model: type[BaseModel], name: str, lang: str | None) -> Response:
    language = language_of(lang)
    body = workbook_of(rows, model, label(language, f"export.{name}"), language,
                       company_timezone())
    return Response(body, media_type=XLSX,
                    headers={"Content-Disposition": f'attachment; filename="{name}.xlsx"'})


def export(path: str, *roles: str):
    """A GET export route for these roles, answering an .xlsx."""
    return router.get(path, response_class=Response, responses=XLSX_RESPONSE,
                      dependencies=[require_roles(*roles)])


@export("/sales-orders", *sales.SALES_ROLES)
async def export_orders(actor: ActorDep, services: ServicesDep,
                        status: OrderStatus | None = None, limit: PageLimitQuery = 100,
                        lang: Lang = None) -> Response:
    """Orders of your companies as .xlsx, newest first, optionally by status."""
    rows = await sales.list_orders(actor, services, status, limit)
    return workbook(rows, OrderPublic, "sales-orders", lang)


@export("/customers", *sales.SALES_ROLES)
async def export_customers(actor: ActorDep, services: ServicesDep,
                           lang: Lang = None) -> Response:
    """The customer master of your companies as .xlsx."""
    rows = await sales.list_customers(actor, services)
    return workbook(rows, CustomerPublic, "customers", lang)


@export("/design-reviews", "design", "planning", "group_general_manager")
async def export_design_reviews(actor: ActorDep, services: ServicesDep,
                                limit: PageLimitQuery = 100, lang: Lang = None) -> Response:
    """Orders waiting for design's review as .xlsx (SAL-3)."""
    rows = await planning.list_pending_design_reviews(actor, services, limit)
    return workbook(rows, DemandPublic, "design-reviews", lang)


@export("/work-orders", "planning", "group_general_manager")
async def export_work_orders(actor: ActorDep, services: ServicesDep,
                             status: WorkOrderStatus | None = None,
                             limit: PageLimitQuery = 100, lang: Lang = None,
                             order_no: BusinessNo | None = None) -> Response:
    """Work orders of your companies as .xlsx, optionally by status and order."""
    rows = await planning.list_work_orders(actor, services, status, limit, order_no)
    return workbook(rows, WorkOrderPublic, "work-orders", lang)


@export("/purchase-orders", "procurement", "group_general_manager")
async def export_purchase_orders(actor: ActorDep, services: ServicesDep,
                                 order_no: BusinessNo | None = None,
                                 status: PurchaseOrderStatus | None = None,
                                 limit: PageLimitQuery = 100, lang: Lang = None) -> Response:
    """Purchase orders of your companies as .xlsx, optionally for one order or status."""
    rows = await procurement.list_purchase_orders(actor, services, order_no, status, limit)
    return workbook(rows, PurchaseOrderPublic, "purchase-orders", lang)


@export("/lots", "quality", "group_general_manager")
async def export_lots(actor: ActorDep, services: ServicesDep, status: LotStatus | None = None,
                      limit: PageLimitQuery = 100, lang: Lang = None,
                      order_no: BusinessNo | None = None) -> Response:
    """Incoming lots of your companies as .xlsx, optionally by inspection status and order."""
    rows = await quality.list_lots(actor, services, status, limit, order_no)
    return workbook(rows, LotInspectionPublic, "lots", lang)


@export("/final-inspections", "quality", "group_general_manager")
async def export_final_inspections(actor: ActorDep, services: ServicesDep,
                                   status: FinalInspectionStatus | None = None,
                                   limit: PageLimitQuery = 100, lang: Lang = None,
                                   order_no: BusinessNo | None = None) -> Response:
    """Final inspections of your companies' orders as .xlsx, optionally by status and
    order."""
    rows = await quality.list_final_inspections(actor, services, status, limit, order_no)
    return workbook(rows, FinalInspectionPublic, "final-inspections", lang)


@export("/finished-goods", "logistics", "group_general_manager")
async def export_finished_goods(actor: ActorDep, services: ServicesDep,
                                status: StockStatus | None = None,
                                limit: PageLimitQuery = 100, lang: Lang = None) -> Response:
    """Finished goods of your companies' orders as .xlsx, optionally by stock status."""
    rows = await logistics.list_finished_goods(actor, services, status, limit)
    return workbook(rows, FinishedGoodsPublic, "finished-goods", lang)


@export("/shipments", "logistics", "group_general_manager")
async def export_shipments(actor: ActorDep, services: ServicesDep,
                           order_no: BusinessNo | None = None,
                           status: ShipmentStatus | None = None,
                           limit: PageLimitQuery = 100, lang: Lang = None) -> Response:
    """Shipments of your companies as .xlsx, optionally for one order or by status."""
    rows = await logistics.list_shipments(actor, services, order_no, status, limit)
    return workbook(rows, ShipmentPublic, "shipments", lang)


@export("/service-requests", "sales", "aftersales", "group_general_manager")
async def export_service_requests(actor: ActorDep, services: ServicesDep,
                                  order_no: BusinessNo | None = None,
                                  status: RequestStatus | None = None,
                                  limit: PageLimitQuery = 100, lang: Lang = None) -> Response:
    """Service requests of your companies as .xlsx, optionally for one order or status."""
    rows = await aftersales.list_requests(actor, services, order_no, status, limit)
    return workbook(rows, ServiceRequestPublic, "service-requests", lang)
