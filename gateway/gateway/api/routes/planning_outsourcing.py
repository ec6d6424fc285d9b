"""Planning: outsourcing an operation to an external partner (外协, PLN-10) — proposed by
the product company, approved by the group general manager, carried out by procurement
like a purchase order and inspected by quality."""

from __future__ import annotations

from fastapi import APIRouter

from contracts.rpc.common import BusinessNo
from contracts.rpc.outsourcing import (
    OutsourcingDecision,
    OutsourcingInspection,
    OutsourcingOrderPublic,
    OutsourcingProposal,
    OutsourcingReceipt,
    OutsourcingStatus,
    PartnerPublic,
)
from contracts.rpc.planning import API
from gateway.api.deps import ActorDep, PageLimitQuery, ServicesDep, require_roles
from gateway.api.openapi import refusals
from gateway.core.telemetry import tag_order

# 3.5.3: production plans it, the company's GM proposes it, the group GM approves
# (报集团总经理核批), procurement sends and receives (由采购部实施), quality inspects
PROPOSERS = [require_roles("planning", "general_manager", "group_general_manager")]
GROUP_GM = [require_roles("group_general_manager")]
BUYERS = [require_roles("procurement", "planning", "group_general_manager")]
INSPECTORS = [require_roles("quality", "group_general_manager")]
READERS = [require_roles("planning", "procurement", "quality", "general_manager",
                         "group_general_manager")]

router = APIRouter(prefix="/planning", tags=["planning"])


@router.get("/outsourcing-partners", response_model=list[PartnerPublic], dependencies=READERS,
            responses=refusals(API["list_outsourcing_partners"]))
async def list_outsourcing_partners(actor: ActorDep, services: ServicesDep,
                                    limit: PageLimitQuery = 100) -> list[PartnerPublic]:
    """The external partners and the work centres they can stand in for (PLN-10)."""
    return await services.planning.list_outsourcing_partners(actor, limit)


@router.post("/work-orders/{work_order_no}/outsourcing", response_model=OutsourcingOrderPublic,
             status_code=201, dependencies=PROPOSERS,
             responses=refusals(API["propose_outsourcing"]))
async def propose_outsourcing(work_order_no: BusinessNo, proposal: OutsourcingProposal,
                              actor: ActorDep, services: ServicesDep) -> OutsourcingOrderPublic:
    """Outsource one operation of a work order; it waits for the group GM (PLN-10)."""
    return await services.planning.propose_outsourcing(actor, work_order_no, proposal)


@router.post("/outsourcing-orders/{outsourcing_no}/decision",
             response_model=OutsourcingOrderPublic, dependencies=GROUP_GM,
             responses=refusals(API["decide_outsourcing"]))
async def decide_outsourcing(outsourcing_no: BusinessNo, decision: OutsourcingDecision,
                             actor: ActorDep, services: ServicesDep) -> OutsourcingOrderPublic:
    """The group general manager approves the outsourcing, or rejects it with a reason."""
    return await services.planning.decide_outsourcing(actor, outsourcing_no, decision)


@router.post("/outsourcing-orders/{outsourcing_no}/dispatch",
             response_model=OutsourcingOrderPublic, dependencies=BUYERS,
             responses=refusals(API["send_outsourcing"]))
async def send_outsourcing(outsourcing_no: BusinessNo, actor: ActorDep,
                           services: ServicesDep) -> OutsourcingOrderPublic:
    """Send the goods to the partner: the outsourced operation starts (refused, 409, before
    the group GM's approval)."""
    return await services.planning.send_outsourcing(actor, outsourcing_no)


@router.post("/outsourcing-orders/{outsourcing_no}/receipt",
             response_model=OutsourcingOrderPublic, dependencies=BUYERS,
             responses=refusals(API["receive_outsourcing"]))
async def receive_outsourcing(outsourcing_no: BusinessNo, receipt: OutsourcingReceipt,
                              actor: ActorDep, services: ServicesDep) -> OutsourcingOrderPublic:
    """The goods back from the partner, the whole quantity (PRC-6)."""
    return await services.planning.receive_outsourcing(actor, outsourcing_no, receipt)


@router.post("/outsourcing-orders/{outsourcing_no}/inspection",
             response_model=OutsourcingOrderPublic, dependencies=INSPECTORS,
             responses=refusals(API["inspect_outsourcing"]))
async def inspect_outsourcing(outsourcing_no: BusinessNo, inspection: OutsourcingInspection,
                              actor: ActorDep, services: ServicesDep) -> OutsourcingOrderPublic:
    """Passed completes the operation (the routing's last: the work order); failed sends
    it back to the partner."""
    return await services.planning.inspect_outsourcing(actor, outsourcing_no, inspection)


@router.get("/outsourcing-orders/{outsourcing_no}", response_model=OutsourcingOrderPublic,
            dependencies=READERS, responses=refusals(API["get_outsourcing"]))
async def read_outsourcing(outsourcing_no: BusinessNo, actor: ActorDep,
                           services: ServicesDep) -> OutsourcingOrderPublic:
    """One outsourcing order: what went out, where it stands, who approved it."""
    return await services.planning.get_outsourcing(actor, outsourcing_no)


@router.get("/outsourcing-orders", response_model=list[OutsourcingOrderPublic],
            dependencies=READERS, responses=refusals(API["list_outsourcing"]))
async def list_outsourcing(actor: ActorDep, services: ServicesDep,
                           order_no: BusinessNo | None = None,
                           status: OutsourcingStatus | None = None,
                           limit: PageLimitQuery = 100) -> list[OutsourcingOrderPublic]:
    """The actor's companies' outsourcing orders, newest first (PLN-10)."""
    if order_no:
        tag_order(order_no)
    return await services.planning.list_outsourcing(actor, order_no, status, limit)
