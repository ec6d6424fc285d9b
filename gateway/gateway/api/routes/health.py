"""Liveness, readiness and metrics."""

from __future__ import annotations

import asyncio

from fastapi import APIRouter, Response
from fastapi.responses import JSONResponse
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest

from gateway.api.deps import ServicesDep, SettingsDep
from gateway.core.config import SERVICES

router = APIRouter(tags=["health"])


@router.get("/health/live")
async def live() -> dict:
    """The gateway process is up (no dependencies checked)."""
    return {"status": "alive"}


@router.get("/health")
async def ready(services: ServicesDep, settings: SettingsDep) -> JSONResponse:
    """Readiness: every department service answers its health check (database and broker)."""

    async def check(name: str) -> dict:
        try:
            reply = await services[name].health(timeout=settings.HEALTH_TIMEOUT_S)
            return reply.model_dump(mode="json")
        except Exception as exc:  # any failure means "not ready", with the reason
            return {"service": name, "status": "unavailable", "error": str(exc)[:300]}

    results = await asyncio.gather(*(check(name) for name in SERVICES))
    ready_all = all(result.get("status") == "ready" for result in results)
    body = {"status": "ready" if ready_all else "degraded",
            "services": {result["service"]: result for result in results}}
    return JSONResponse(body, status_code=200 if ready_all else 503)


@router.get("/metrics", include_in_schema=False)
async def metrics() -> Response:
    """Prometheus metrics of the gateway."""
    return Response(generate_latest(), media_type=CONTENT_TYPE_LATEST)
