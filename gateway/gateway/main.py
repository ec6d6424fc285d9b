"""The gateway: ordersuite's only public surface.

    uvicorn gateway.main:app --host 127.0.0.1 --port 8000
"""

from __future__ import annotations

import asyncio
import gc
import json
from contextlib import asynccontextmanager

import redis.asyncio
from fastapi import FastAPI

from gateway.api.main import api_router
from gateway.core import commands, edges, errors, telemetry
from gateway.core.config import MissingSecret, Settings, get_settings
from gateway.core.directory import UserDirectory
from gateway.core.idempotency import IdempotencyMiddleware
from gateway.core.passwords import Passwords, hasher_of
from gateway.core.ratelimit import Limits, LoginLimiter
from gateway.core.readcache import ReadCache, namespace_of
from gateway.core.readcache_feed import CommandsMakeReadsOld, ReadCacheFeed
from gateway.inbox.feed import InboxFeed, outsourcing_companies
from gateway.inbox.store import InboxStore
from gateway.rpc import RpcClient
from gateway.web import install as install_web_pages


def open_directory(settings: Settings) -> UserDirectory:
    settings.ORDERSUITE_VAR.mkdir(parents=True, exist_ok=True)  # the embedded database's
    directory = UserDirectory(settings.directory_url,
                              Passwords(hasher_of(settings.PASSWORD_HASH_PROFILE)))
    with open(settings.USERS_FILE, encoding="utf-8") as file:
        data = json.load(file)
    if "users" not in data:
        raise ValueError(f"{settings.USERS_FILE} has no 'users' section")
    directory.load_people(data["users"])
    return directory


async def start_inbox(settings: Settings, directory: UserDirectory) -> InboxFeed:
    """Every user's inbox (X-2): breach events in, items kept beside the directory."""
    with open(settings.USERS_FILE, encoding="utf-8") as file:
        outsourcing = outsourcing_companies(json.load(file))
    store = await asyncio.to_thread(InboxStore, settings.directory_url)
    return await InboxFeed(settings.AMQP_URI, settings.REDIS_URL, store, directory,
                           outsourcing).start()


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or get_settings()
    telemetry.configure_tracing(settings.OTEL_SERVICE_NAME)

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        # The user directory; the users file's accounts made when missing (a missing file
        # fails start-up)
        app.state.users = await asyncio.to_thread(open_directory, settings)
        # One asyncio client per worker process: it is correct under concurrency
        # and measured faster than a pool of nameko proxies (bench/rpc_roundtrip.py).
        app.state.rpc = await RpcClient(settings.AMQP_URI, timeout=settings.RPC_TIMEOUT_S).start()
        app.state.inbox = await start_inbox(settings, app.state.users)
        # one Redis client, connecting on first use: Redis is needed only then
        store = None
        if (settings.IDEMPOTENCY_ENABLED or settings.LOGIN_RATE_LIMIT_ENABLED
                or settings.READ_CACHE_TTL_S):
            store = redis.asyncio.from_url(settings.REDIS_URL, socket_connect_timeout=2,
                                           socket_timeout=2)
        if settings.IDEMPOTENCY_ENABLED:
            app.state.idempotency_store = store
        if settings.LOGIN_RATE_LIMIT_ENABLED:  # failed sign-ins per user and client
            app.state.login_limiter = LoginLimiter(store, Limits.from_settings(settings))
        read_cache_feed = None
        if settings.READ_CACHE_TTL_S:  # issue 16: the busiest reads, never stale by a change
            app.state.read_cache = ReadCache(
                store, namespace_of(settings.AMQP_URI, settings.directory_url),
                settings.READ_CACHE_TTL_S)
            read_cache_feed = await ReadCacheFeed(settings.AMQP_URI, app.state.read_cache).start()
        # what start-up built lives as long as the worker: out of the collector's sight,
        # a full collection no longer walks it (issue 16: p99)
        gc.collect()
        gc.freeze()
        try:
            yield
        finally:
            if read_cache_feed is not None:
                await read_cache_feed.stop()
            await app.state.inbox.stop()
            app.state.inbox.store.close()
            await app.state.rpc.close()
            app.state.users.close()
            if store is not None:
                await store.aclose()

    app = FastAPI(
        title=settings.PROJECT_NAME,
        summary="Order-to-delivery for a make-to-order manufacturing group",
        lifespan=lifespan,
    )
    # routes read this app's settings from its state (api/deps.get_app_settings); not a
    # dependency override, which makes FastAPI re-analyse every dependency of every
    # request (measured: a tenth of the gateway's loop, issue 16)
    app.state.settings = settings
    errors.install(app)
    edges.install(app)  # NUL characters refused; honest decimal schemas (issue 8.8)
    commands.install(app)  # the Idempotency-Key a command ran under, when the client sent none
    if settings.IDEMPOTENCY_ENABLED:  # inside tracing, so replays are traced too
        app.add_middleware(IdempotencyMiddleware, secret=settings.JWT_SECRET,
                           algorithm=settings.JWT_ALGORITHM, ttl_s=settings.IDEMPOTENCY_TTL_S)
    app.add_middleware(CommandsMakeReadsOld)  # a command's answer leaves after its bump
    telemetry.install(app)
    app.include_router(api_router)
    install_web_pages(app)  # the department web pages (gateway/web): /ui/
    return app


try:
    app = create_app()
except MissingSecret as exc:  # production without its secrets: say so, no traceback
    raise SystemExit(f"gateway: refusing to start: {exc}") from None
