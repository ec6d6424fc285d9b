"""Routes whose answer the read cache may give (gateway.core.readcache, issue 16)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from fastapi import Request
from fastapi.responses import Response
from pydantic import BaseModel

from gateway.core.readcache import Entry
from gateway.core.users import identity_of

CACHE_HEADER = "X-Cache"  # hit | miss: whether the answer came from the read cache


def refreshing(request: Request) -> bool:
    """The client asks past any cache (RFC 9111 no-cache: a browser's reload, say)."""
    return "no-cache" in request.headers.get("cache-control", "").lower()


async def read_through(request: Request, kind: str, order_no: str,
                       read: Callable[[Entry | None], Awaitable[BaseModel]]
                       ) -> Response | BaseModel:
    """`read`'s answer of `kind` on `order_no` for the signed-in user: from the cache while
    no change has made it old, else read (told its entry, to depend on more orders) and
    kept. Without a cache, `read`'s model as it is."""
    cache = getattr(request.app.state, "read_cache", None)
    if cache is None:
        return await read(None)
    # per person, as deps.get_current_user found them
    entry = await cache.lookup(kind, order_no, identity_of(request.state.user))
    if entry.body is not None and not refreshing(request):
        return Response(entry.body, media_type="application/json",
                        headers={CACHE_HEADER: "hit"})
    body = (await read(entry)).model_dump_json(by_alias=True).encode()
    await entry.store(body)
    return Response(body, media_type="application/json", headers={CACHE_HEADER: "miss"})
