from fastapi import APIRouter

from gateway.api.routes import (
    aftersales,
    auth,
    health,
    logistics,
    orders,
    planning,
    procurement,
    quality,
    sales,
)

api_router = APIRouter()
api_router.include_router(health.router)
api_router.include_router(auth.router)
api_router.include_router(orders.router)
api_router.include_router(sales.router)
api_router.include_router(planning.router)
api_router.include_router(procurement.router)
api_router.include_router(quality.router)
api_router.include_router(logistics.router)
api_router.include_router(aftersales.router)
