"""An order's whole journey across the departments (X-3)."""

from __future__ import annotations

import asyncio
import logging

from fastapi import APIRouter, Request
from pydantic import ValidationError

from contracts.rpc.co_production import CoProductionPublic
from contracts.rpc.common import Actor, BusinessNo
from contracts.rpc.sales import API as SALES
from contracts.rpc.sales import OrderPublic
from gateway.api.deps import ActorDep, ServicesDep, SettingsDep
from gateway.api.openapi import refusals
from gateway.api.reads import read_through
from gateway.core.actor_signing import signed, signing_key
from gateway.core.config import SERVICES
from gateway.core.readcache import Entry
from gateway.core.telemetry import tag_order
from gateway.journey import JourneyPublic, SubJourney, assemble_journey, assemble_sub_journey
from gateway.rpc.errors import MalformedReply, RemoteError, RpcError

log = logging.getLogger(__name__)
OWNER = "sales"  # the service that owns a customer order
router = APIRouter(prefix="/orders", tags=["orders"])


async def _order_views(services, actor: ActorDep, order_no: str, timeout: float,
                       answered: dict[str, dict] | None = None
                       ) -> tuple[dict[str, dict], set[str]]:
    """Every service's view of `order_no` (stages, deadlines, trace marks, and what the
    owner adds), as `actor` sees it, asking those not `answered` already; and the services
    that did not answer."""
    answered = answered or {}

    async def ask(service: str) -> dict:
        if service in answered:
            return answered[service]
        try:
            # order_view is in every service's table (COMMON): stages and deadlines at once
            view = await services[service].order_view(actor, order_no, timeout=timeout)
        except RemoteError as exc:
            if exc.exc_type == "NotFound":  # the service has nothing on this order
                return {"stages": [], "deadlines": [], "traces": []}
            raise
        return view.model_dump(mode="json")

    results = await asyncio.gather(*(ask(service) for service in SERVICES),
                                   return_exceptions=True)
    views: dict[str, dict] = {}
    unavailable: set[str] = set()
    for service, result in zip(SERVICES, results, strict=True):
        if isinstance(result, RpcError):
            log.warning("journey of %s: %s.order_view failed: %s", order_no, service, result)
            unavailable.add(service)
        elif isinstance(result, BaseException):
            raise result
        else:
            views[service] = result
    return views, unavailable


def _part(views: dict[str, dict], name: str) -> dict[str, list]:
    """One part of every view that answered, by service: its stages, deadlines or traces."""
    return {service: view.get(name) or [] for service, view in views.items()}


def _order_of(view: dict) -> dict:
    """The order in sales' view, held to its contract (OrderPublic)."""
    try:
        return OrderPublic.model_validate(view.get("order")).model_dump(mode="json")
    except ValidationError as exc:  # a bug in sales: the gateway's 502
        raise MalformedReply(OWNER, "order_view", exc.error_count()) from None


def _instructions_of(order_no: str, view: dict | None) -> list[CoProductionPublic]:
    """CO-1: the co-production instructions the order raised, from planning's view (none
    when planning did not answer, or answered them malformed: the journey still shows)."""
    try:
        raised = [CoProductionPublic.model_validate(i) for i in (view or {}).get(
            "co_production") or []]
    except ValidationError as exc:
        log.warning("journey of %s: planning's co-production instructions: %s", order_no, exc)
        return []
    return [i for i in raised if i.requester_order_no == order_no]


async def _sub_journeys(services, actor: ActorDep, instructions: list[CoProductionPublic],
                        settings) -> list[SubJourney]:
    """CO-1: the sister companies' stages of the parts they make for the order. The
    requester's people may see them (the order is theirs: sales answered it), so each
    maker's departments are asked for that one instruction only, as the user reading for
    the maker's company."""
    key = signing_key(settings.ACTOR_SIGNING_KEY)

    async def sub_journey(instruction: CoProductionPublic) -> SubJourney:
        reader = signed(Actor(username=actor["username"], roles=actor["roles"],
                              companies=[instruction.maker_company_id]), key=key)
        views, unavailable = await _order_views(
            services, reader, instruction.instruction_no, settings.JOURNEY_TIMEOUT_S)
        return assemble_sub_journey(instruction.model_dump(mode="json"),
                                    _part(views, "stages"), sorted(unavailable))

    return list(await asyncio.gather(*(sub_journey(i) for i in instructions)))


@router.get("/{order_no}/journey", response_model=JourneyPublic,
            responses=refusals(SALES["get_order"]))
async def read_journey(order_no: BusinessNo, actor: ActorDep, services: ServicesDep,
                       settings: SettingsDep, request: Request) -> JourneyPublic:
    """The order's journey: every department's stages, deadlines, and who held it when;
    and the sister companies' stages of the parts they make for it (CO-1)."""
    tag_order(order_no)
    return await read_through(
        request, "journey", order_no,
        lambda entry: _journey(order_no, actor, services, settings, entry))


async def _journey(order_no: BusinessNo, actor: ActorDep, services, settings,
                   entry: Entry | None) -> JourneyPublic:
    # visibility first: sales answers NotFound for an order of another company, and its
    # view brings the order, so sales is asked once (issue 16); then the others at once,
    # planning's view bringing the co-production instructions whose makers are asked next
    timeout = settings.JOURNEY_TIMEOUT_S
    owned = (await services.sales.order_view(actor, order_no, timeout=timeout)
             ).model_dump(mode="json")
    order = _order_of(owned)
    views, unavailable = await _order_views(services, actor, order_no, timeout,
                                            answered={OWNER: owned})
    instructions = _instructions_of(order_no, views.get("planning"))
    if entry is not None:  # a cached journey is old when a maker's stages change too
        await entry.depend_on(i.instruction_no for i in instructions)
    sub_journeys = await _sub_journeys(services, actor, instructions, settings)
    journey = assemble_journey(order, _part(views, "stages"), _part(views, "deadlines"),
                               sorted(unavailable), _part(views, "traces"))
    journey.sub_journeys = sub_journeys
    return journey
