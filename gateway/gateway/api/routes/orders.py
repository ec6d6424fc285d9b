"""An order's whole journey across the departments (X-3)."""

from __future__ import annotations

import asyncio
import logging

from fastapi import APIRouter

from contracts.rpc.common import BusinessNo
from contracts.rpc.sales import API as SALES
from gateway.api.deps import ActorDep, ServicesDep, SettingsDep
from gateway.api.openapi import refusals
from gateway.core.config import SERVICES
from gateway.core.telemetry import tag_order
from gateway.journey import JourneyPublic, assemble_journey
from gateway.rpc.errors import RemoteError, RpcError


class UpstreamMalformed(RpcError):
    """A service answered something that is not its contract's reply."""

log = logging.getLogger(__name__)
router = APIRouter(prefix="/orders", tags=["orders"])


@router.get("/{order_no}/journey", response_model=JourneyPublic,
            responses=refusals(SALES["get_order"]))
async def read_journey(order_no: BusinessNo, actor: ActorDep, services: ServicesDep,
                       settings: SettingsDep) -> JourneyPublic:
    """The order's journey: every department's stages, deadlines, and who held it when."""
    tag_order(order_no)
    # visibility first: sales answers NotFound for an order of another company
    order = await services.sales.get_order(actor, order_no)
    timeout = settings.JOURNEY_TIMEOUT_S

    async def ask(service: str, method: str, *args) -> list:
        try:
            # journey and deadlines_for_order are in every service's table (COMMON)
            reply = await getattr(services[service], method)(*args, timeout=timeout)
        except RemoteError as exc:
            if exc.exc_type == "NotFound":  # the service has nothing on this order
                return []
            raise
        return [item.model_dump(mode="json") for item in reply]

    calls = [(service, method, args) for service in SERVICES for method, args in (
        ("journey", (actor, order_no)), ("deadlines_for_order", (order_no,)))]
    results = await asyncio.gather(*(ask(service, method, *args)
                                     for service, method, args in calls),
                                   return_exceptions=True)
    stages: dict[str, list] = {}
    deadlines: dict[str, list] = {}
    unavailable: set[str] = set()
    for (service, method, _), result in zip(calls, results, strict=True):
        if isinstance(result, RpcError):
            log.warning("journey of %s: %s.%s failed: %s", order_no, service, method, result)
            unavailable.add(service)
            continue
        if isinstance(result, BaseException):
            raise result
        (stages if method == "journey" else deadlines)[service] = list(result or [])
    return assemble_journey(order.model_dump(mode="json"), stages, deadlines,
                            sorted(unavailable))
