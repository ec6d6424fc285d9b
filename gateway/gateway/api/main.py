from fastapi import APIRouter

from gateway.api.routes import (
    aftersales,
    aftersales_remedies,
    aftersales_surveys,
    auth,
    change_notices,
    co_production,
    documents,
    exports,
    forecasts,
    health,
    inbox,
    installations,
    live_plan,
    logistics,
    logistics_flow,
    logistics_replacements,
    masterdata_planning,
    masterdata_procurement,
    masterdata_sales,
    orders,
    packaging,
    payment_reversals,
    plan_publication,
    planning,
    planning_closing,
    planning_objections,
    planning_outsourcing,
    planning_rework,
    planning_stock,
    process_control,
    procurement,
    procurement_shortages,
    procurement_transfers,
    quality,
    quality_loops,
    receivables,
    sales,
    sales_import,
    shipping_instructions,
    supplier_follow_up,
    users,
)
from gateway.core.errors import reserve_literal_paths

api_router = APIRouter()
api_router.include_router(health.router)
api_router.include_router(auth.router)
api_router.include_router(orders.router)
api_router.include_router(sales_import.router)  # before /sales/orders/{order_no}
api_router.include_router(installations.router)  # AFS-3
api_router.include_router(sales.router)
api_router.include_router(change_notices.router)
api_router.include_router(planning.router)
api_router.include_router(planning_rework.router)
api_router.include_router(planning_objections.router)  # PLN-6
api_router.include_router(planning_outsourcing.router)  # PLN-10
api_router.include_router(plan_publication.router)  # PLN-1, PLN-3
api_router.include_router(process_control.router)  # PLN-8
api_router.include_router(co_production.router)  # CO-1
api_router.include_router(planning_closing.router)  # PLN-13, PLN-14
api_router.include_router(planning_stock.router)  # PLN-11
api_router.include_router(forecasts.router)
api_router.include_router(live_plan.router)
api_router.include_router(procurement.router)
api_router.include_router(supplier_follow_up.router)
api_router.include_router(procurement_shortages.router)  # PRC-6
api_router.include_router(procurement_transfers.router)  # PRC-3
api_router.include_router(quality.router)
api_router.include_router(quality_loops.router)
api_router.include_router(logistics.router)
api_router.include_router(logistics_replacements.router)
api_router.include_router(logistics_flow.router)
api_router.include_router(shipping_instructions.router)
api_router.include_router(receivables.router)
api_router.include_router(payment_reversals.router)
api_router.include_router(packaging.router)
api_router.include_router(aftersales.router)
api_router.include_router(users.router)
api_router.include_router(users.own)
api_router.include_router(masterdata_sales.router)
api_router.include_router(documents.router)
api_router.include_router(exports.router)
api_router.include_router(aftersales_remedies.router)
api_router.include_router(aftersales_surveys.router)
api_router.include_router(inbox.router)
api_router.include_router(masterdata_planning.router)
api_router.include_router(masterdata_procurement.router)
reserve_literal_paths(api_router)  # after every route: /sales/orders/import is no order
