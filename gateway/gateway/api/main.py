from fastapi import APIRouter

from gateway.api.routes import health, planning, sales

api_router = APIRouter()
api_router.include_router(health.router)
api_router.include_router(sales.router)
api_router.include_router(planning.router)
