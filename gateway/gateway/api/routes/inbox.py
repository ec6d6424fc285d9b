"""Every user's inbox (X-1, X-2): escalations addressed to them, acknowledged by them,
streamed live; overdue lists for leaders and general managers."""

from __future__ import annotations

import asyncio
import time
from typing import Annotated

from fastapi import APIRouter, Path, Request
from fastapi.responses import StreamingResponse
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException

from contracts.catalog import SERVICES
from contracts.rpc.api import COMMON
from contracts.rpc.common import DeadlinePublic
from gateway.api.deps import ActorDep, CurrentUser, PageLimitQuery, ServicesDep
from gateway.api.openapi import refusals
from gateway.core.errors import PermissionDenied
from gateway.inbox.feed import channel_of
from gateway.inbox.store import InboxItem

router = APIRouter(prefix="/me", tags=["inbox"])
ItemId = Annotated[str, Path(min_length=36, max_length=36, pattern=r"^[0-9a-f-]{36}$")]
HEARTBEAT_S = 15.0
OVERSEERS = ("leader", "general_manager", "group_general_manager")


def _store(request: Request):
    return request.app.state.inbox.store


@router.get("/inbox", response_model=list[InboxItem], responses=refusals())
async def my_inbox(request: Request, user: CurrentUser, pending_only: bool = False,
                   limit: PageLimitQuery = 100) -> list[InboxItem]:
    """What waits for me: the escalations addressed to me (X-2), newest first."""
    return await run_in_threadpool(_store(request).of, user.username,
                                   pending_only=pending_only, limit=limit)


@router.get("/inbox/tasks", response_model=list[DeadlinePublic], responses=refusals())
async def my_tasks(user: CurrentUser, actor: ActorDep, services: ServicesDep,
                   limit: PageLimitQuery = 100) -> list[DeadlinePublic]:
    """What waits for me to act: my department's unmet time limits in my companies (X-1)."""
    # a limit is held by the service that opened it unless it names another holder (AFS-1:
    # after-sales tracks, sales forwards): every service is asked, its holders kept
    departments = {d for d in [user.department, *user.roles] if d in SERVICES}
    if not departments:
        return []
    found = await asyncio.gather(*(services[s].waiting_deadlines(actor, limit)
                                   for s in SERVICES))
    tasks = [task for service, batch in zip(SERVICES, found, strict=True) for t in batch
             if ((task := DeadlinePublic.model_validate(t)).holder or service) in departments]
    return sorted(tasks, key=lambda t: t.opened_at, reverse=True)[:limit]


ACKNOWLEDGE = next(method for method in COMMON if method.name == "acknowledge_deadline")


@router.post("/inbox/{item_id}/acknowledge", response_model=InboxItem,
             responses=refusals(ACKNOWLEDGE, extra={404: "no such item in your inbox"}))
async def acknowledge(request: Request, user: CurrentUser, actor: ActorDep,
                      services: ServicesDep, item_id: ItemId) -> InboxItem:
    """Acknowledge one of my inbox items: recorded, and the breach climbs no further (X-2)."""
    store = _store(request)
    mine = await run_in_threadpool(store.item, user.username, item_id)
    if mine is None:
        raise HTTPException(404, f"no inbox item {item_id} of yours")
    # the holding department stops the ladder first: a failure here leaves nothing half-done
    await services[mine.tracked_by or mine.department].acknowledge_deadline(
        actor, mine.source_id)
    return await run_in_threadpool(store.acknowledge, user.username, item_id)


@router.get("/overdue", response_model=list[InboxItem], responses=refusals())
async def overdue(request: Request, user: CurrentUser,
                  limit: PageLimitQuery = 100) -> list[InboxItem]:
    """Breached limits of my department and company (leaders) or my companies (GMs)."""
    if user.level not in OVERSEERS:
        raise PermissionDenied("overdue lists are for leaders and general managers",
                               {"required_levels": list(OVERSEERS)})
    departments = [user.department] if user.level == "leader" and user.department else None
    companies = None if user.level == "group_general_manager" else list(user.companies or [])
    return await run_in_threadpool(_store(request).overdue, companies=companies,
                                   departments=departments, limit=limit)


# Not in the OpenAPI document: an endless stream is no request/response operation (the
# schema-driven tests would wait on it forever); documented in the README.
@router.get("/inbox/stream", response_class=StreamingResponse, include_in_schema=False)
async def inbox_stream(request: Request, user: CurrentUser) -> StreamingResponse:
    """Server-sent events: each new item of my inbox as it arrives (Redis pub/sub)."""
    pubsub = request.app.state.inbox.redis.pubsub()
    await pubsub.subscribe(channel_of(user.username))

    async def events():
        try:
            yield ": connected\n\n"
            quiet_since = time.monotonic()
            while not await request.is_disconnected():
                message = await pubsub.get_message(ignore_subscribe_messages=True,
                                                   timeout=1.0)
                if message is not None:
                    data = message["data"]
                    text = data.decode() if isinstance(data, bytes) else data
                    yield f"event: inbox\ndata: {text}\n\n"
                    quiet_since = time.monotonic()
                elif time.monotonic() - quiet_since > HEARTBEAT_S:
                    yield ": heartbeat\n\n"  # keeps proxies from closing a quiet stream
                    quiet_since = time.monotonic()
                else:
                    await asyncio.sleep(0)
        finally:
            await pubsub.unsubscribe()
            await pubsub.aclose()

    return StreamingResponse(events(), media_type="text/event-stream",
                             headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"})
