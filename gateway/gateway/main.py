"""The gateway: ordersuite's only public surface.

    uvicorn gateway.main:app --host 127.0.0.1 --port 8000
"""

from __future__ import annotations

import asyncio
from contextlib import asynccontextmanager

import redis.asyncio
from fastapi import FastAPI

from gateway.api.main import api_router
from gateway.core import errors, telemetry
from gateway.core.config import Settings, get_settings
from gateway.core.idempotency import IdempotencyMiddleware
from gateway.core.users import UserStore
from gateway.rpc import RpcClient
from gateway.web import install as install_web_pages


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or get_settings()
    telemetry.configure_tracing(settings.OTEL_SERVICE_NAME)

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        # Users and their password hashes, once per process (a missing file fails start-up)
        app.state.users = await asyncio.to_thread(UserStore.from_file, settings.USERS_FILE)
        # One asyncio client per worker process: it is correct under concurrency
        # and measured faster than a pool of nameko proxies (bench/rpc_roundtrip.py).
        app.state.rpc = await RpcClient(settings.AMQP_URI, timeout=settings.RPC_TIMEOUT_S).start()
        if settings.IDEMPOTENCY_ENABLED:  # connects on first use: Redis is needed only then
            app.state.idempotency_store = redis.asyncio.from_url(
                settings.REDIS_URL, socket_connect_timeout=2, socket_timeout=2)
        try:
            yield
        finally:
            await app.state.rpc.close()
            if settings.IDEMPOTENCY_ENABLED:
                await app.state.idempotency_store.aclose()

    app = FastAPI(
        title=settings.PROJECT_NAME,
        summary="Order-to-delivery for a make-to-order manufacturing group",
        lifespan=lifespan,
    )
    # routes read the settings through a dependency: make it this app's settings
    app.dependency_overrides[get_settings] = lambda: settings
    errors.install(app)
    if settings.IDEMPOTENCY_ENABLED:  # inside tracing, so replays are traced too
        app.add_middleware(IdempotencyMiddleware, secret=settings.JWT_SECRET,
                           algorithm=settings.JWT_ALGORITHM, ttl_s=settings.IDEMPOTENCY_TTL_S)
    telemetry.install(app)
    app.include_router(api_router)
    install_web_pages(app)  # the department web pages (gateway/web): /ui/
    return app


app = create_app()
