"""Quality keeping pace with the plan and after it finds something: inspection tasks
(QLT-2), findings and their reaction limits (QLT-3), nonconformance records worked to
closure (QLT-4), statistics (QLT-5)."""

from __future__ import annotations

from fastapi import APIRouter

from contracts.events.quality import FindingStatus, NonconformanceStatus
from contracts.rpc.bounds import BoundedDate, CompanyId
from contracts.rpc.common import BusinessNo
from contracts.rpc.quality import (
    API,
    ClosureCreate,
    DispositionCreate,
    FindingCreate,
    FindingPublic,
    FindingReaction,
    FindingResolution,
    InspectionTaskPublic,
    InspectorLoadPublic,
    NonconformancePublic,
    QualityStatisticsPublic,
    SupplierLotPassRatePublic,
    TaskAssignment,
)
from gateway.api.deps import ActorDep, PageLimitQuery, ServicesDep, require_roles
from gateway.api.openapi import refusals
from gateway.core.telemetry import tag_order

router = APIRouter(prefix="/quality", tags=["quality"],
                   dependencies=[require_roles("quality", "group_general_manager")])


# -- QLT-5 statistics -------------------------------------------------------------------------

@router.get("/statistics", response_model=QualityStatisticsPublic,
            responses=refusals(API["quality_statistics"]))
async def quality_statistics(company_id: CompanyId, period_from: BoundedDate,
                             period_to: BoundedDate,
                             actor: ActorDep, services: ServicesDep) -> QualityStatisticsPublic:
    """Lot pass rate per supplier, first-pass yield and defect Pareto of a company (QLT-5)."""
    return await services.quality.quality_statistics(actor, company_id, period_from,
                                                     period_to)


@router.get("/statistics/supplier-pass-rates", response_model=list[SupplierLotPassRatePublic],
            responses=refusals(API["supplier_lot_pass_rates"]))
async def supplier_lot_pass_rates(actor: ActorDep, services: ServicesDep,
                                  limit: PageLimitQuery = 100
                                  ) -> list[SupplierLotPassRatePublic]:
    """Share of inspected lots accepted per supplier, all time, of your companies (QLT-5)."""
    return await services.quality.supplier_lot_pass_rates(actor, limit)


# -- QLT-2 inspection tasks -------------------------------------------------------------------

@router.get("/inspection-tasks", response_model=list[InspectionTaskPublic],
            responses=refusals(API["list_inspection_tasks"]))
async def list_inspection_tasks(actor: ActorDep, services: ServicesDep,
                                order_no: BusinessNo | None = None,
                                inspector: BusinessNo | None = None,
                                limit: PageLimitQuery = 100) -> list[InspectionTaskPublic]:
    """Inspection tasks planned from the plan, by planned time; by order or inspector."""
    return await services.quality.list_inspection_tasks(actor, order_no, inspector, limit)


@router.get("/inspector-load", response_model=list[InspectorLoadPublic],
            responses=refusals(API["inspector_load"]))
async def inspector_load(company_id: CompanyId, day: BoundedDate, actor: ActorDep,
                         services: ServicesDep) -> list[InspectorLoadPublic]:
    """Each inspector's planned minutes of a working day, overloaded ones flagged (QLT-2)."""
    return await services.quality.inspector_load(actor, company_id, day)


@router.post("/inspection-tasks/{task_no}/assignment", response_model=InspectionTaskPublic,
             responses=refusals(API["assign_inspection_task"]))
async def assign_inspection_task(task_no: BusinessNo, assignment: TaskAssignment,
                                 actor: ActorDep, services: ServicesDep
                                 ) -> InspectionTaskPublic:
    """A leader assigns or reassigns an inspection task to an inspector (QLT-2)."""
    return await services.quality.assign_inspection_task(actor, task_no, assignment)


@router.post("/inspection-tasks/{task_no}/done", response_model=InspectionTaskPublic,
             responses=refusals(API["complete_inspection_task"]))
async def complete_inspection_task(task_no: BusinessNo, actor: ActorDep,
                                   services: ServicesDep) -> InspectionTaskPublic:
    """Record an in-process inspection task done (QLT-2)."""
    return await services.quality.complete_inspection_task(actor, task_no)


# -- QLT-3 findings ---------------------------------------------------------------------------

@router.post("/findings", status_code=201, response_model=FindingPublic,
             responses=refusals(API["record_finding"]))
async def record_finding(finding: FindingCreate, actor: ActorDep, services: ServicesDep
                         ) -> FindingPublic:
    """Record an inspection finding; its NCR opens and the 20-minute reaction runs (QLT-3)."""
    tag_order(finding.order_no)
    return await services.quality.record_finding(actor, finding)


@router.get("/findings", response_model=list[FindingPublic],
            responses=refusals(API["list_findings"]))
async def list_findings(actor: ActorDep, services: ServicesDep,
                        order_no: BusinessNo | None = None, status: FindingStatus | None = None,
                        limit: PageLimitQuery = 100) -> list[FindingPublic]:
    """Findings of your companies, oldest first, by order and/or status."""
    return await services.quality.list_findings(actor, order_no, status, limit)


@router.post("/findings/{finding_no}/reaction", response_model=FindingPublic,
             responses=refusals(API["react_to_finding"]))
async def react_to_finding(finding_no: BusinessNo, reaction: FindingReaction, actor: ActorDep,
                           services: ServicesDep) -> FindingPublic:
    """Record the inspector's reaction; kinds 2 and 4 go to the quality leader (QLT-3)."""
    return await services.quality.react_to_finding(actor, finding_no, reaction)


@router.post("/findings/{finding_no}/resolution", response_model=FindingPublic,
             responses=refusals(API["resolve_finding"]))
async def resolve_finding(finding_no: BusinessNo, resolution: FindingResolution,
                          actor: ActorDep, services: ServicesDep) -> FindingPublic:
    """The quality leader's coordination of a kind 2 or 4 finding (QLT-3)."""
    return await services.quality.resolve_finding(actor, finding_no, resolution)


# -- QLT-4 nonconformance records ---------------------------------------------------------------

@router.get("/nonconformances", response_model=list[NonconformancePublic],
            responses=refusals(API["list_nonconformances"]))
async def list_nonconformances(actor: ActorDep, services: ServicesDep,
                               order_no: BusinessNo | None = None,
                               status: NonconformanceStatus | None = None,
                               limit: PageLimitQuery = 100) -> list[NonconformancePublic]:
    """Nonconformance records of your companies, oldest first, by order and/or status."""
    return await services.quality.list_nonconformances(actor, order_no, status, limit)


@router.get("/nonconformances/{ncr_no}", response_model=NonconformancePublic,
            responses=refusals(API["get_nonconformance"]))
async def get_nonconformance(ncr_no: BusinessNo, actor: ActorDep, services: ServicesDep
                             ) -> NonconformancePublic:
    """One NCR: cause, disposition, owner, closure and the complaints that joined it."""
    return await services.quality.get_nonconformance(actor, ncr_no)


@router.post("/nonconformances/{ncr_no}/disposition", response_model=NonconformancePublic,
             responses=refusals(API["dispose_nonconformance"]))
async def dispose_nonconformance(ncr_no: BusinessNo, disposition: DispositionCreate,
                                 actor: ActorDep, services: ServicesDep
                                 ) -> NonconformancePublic:
    """Decide rework, scrap, return or concession and its owner (QLT-4, PRC-6)."""
    return await services.quality.dispose_nonconformance(actor, ncr_no, disposition)


@router.post("/nonconformances/{ncr_no}/closure", response_model=NonconformancePublic,
             responses=refusals(API["close_nonconformance"]))
async def close_nonconformance(ncr_no: BusinessNo, closure: ClosureCreate, actor: ActorDep,
                               services: ServicesDep) -> NonconformancePublic:
    """Close a disposed NCR with the evidence it was carried out (QLT-4)."""
    return await services.quality.close_nonconformance(actor, ncr_no, closure)
