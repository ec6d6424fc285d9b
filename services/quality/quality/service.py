"""The quality service: thin nameko entrypoints over quality's use cases
(contracts/rpc/quality.py is its method table)."""

from __future__ import annotations

from pathlib import Path

from contracts.envelope import EventEnvelope
from contracts.events.aftersales import QualityComplaintRaised
from contracts.events.changes import ChangeIssued, ChangeRolledBack
from contracts.events.planning import OrderPlanned, ProductionCompleted
from contracts.events.procurement import GoodsReceived
from contracts.rpc.quality import API
from quality import (
    changes,
    handlers,
    handlers_findings,
    handlers_ncr,
    handlers_statistics,
    handlers_tasks,
    inbound,
)
from quality.adapters.measures import MEASURES
from quality.adapters.tables import metadata
from quality.unit_of_work import QualityUnitOfWork
from servicekit import change_parts
from servicekit.events import event_handler
from servicekit.rpcs import exposes
from servicekit.runtime import UnitOfWorkProvider
from servicekit.service import ServiceBase

MIGRATIONS = Path(__file__).parent / "migrations"

expose = exposes(API)


class QualityService(ServiceBase):
    name = "quality"
    # No seed: demo/group.json has no quality section (quality owns no reference data).
    uow = UnitOfWorkProvider(QualityUnitOfWork, metadata, MIGRATIONS)
    measures = MEASURES

    # -- incoming inspection (QLT-1, QLT-4) -------------------------------------------------
    @expose
    def list_lots(self, actor, status, limit, order_no):
        return handlers.list_lots(actor, status, limit, self.uow, order_no)

    @expose
    def inspect_lot(self, actor, lot_no, inspection):
        return handlers.inspect_lot(actor, lot_no, inspection, self.uow)

    # -- final inspection (QLT-2, QLT-4) ----------------------------------------------------
    @expose
    def list_final_inspections(self, actor, status, limit, order_no):
        return handlers.list_final_inspections(actor, status, limit, self.uow, order_no)

    @expose
    def record_final_inspection(self, actor, order_no, result):
        return handlers.record_final_inspection(actor, order_no, result, self.uow)

    # -- views ------------------------------------------------------------------------------
    @expose
    def journey(self, actor, order_no):
        return (handlers.journey(actor, order_no, self.uow)
                + change_parts.journey(actor, order_no, self.uow))  # SAL-8

    @expose
    def supplier_lot_pass_rates(self, actor, limit):
        return handlers.supplier_lot_pass_rates(actor, limit, self.uow)

    @expose
    def quality_statistics(self, actor, company_id, period_from, period_to):
        return handlers_statistics.quality_statistics(actor, company_id, period_from,
                                                      period_to, self.uow)

    # -- inspection tasks keeping pace with the plan (QLT-2) -----------------------------------
    @expose
    def list_inspection_tasks(self, actor, order_no, inspector, limit):
        return handlers_tasks.list_inspection_tasks(actor, order_no, inspector, limit, self.uow)

    @expose
    def inspector_load(self, actor, company_id, day):
        return handlers_tasks.inspector_load(actor, company_id, day, self.uow)

    @expose
    def assign_inspection_task(self, actor, task_no, assignment):
        return handlers_tasks.assign_inspection_task(actor, task_no, assignment, self.uow)

    @expose
    def complete_inspection_task(self, actor, task_no):
        return handlers_tasks.complete_inspection_task(actor, task_no, self.uow)

    @event_handler("planning.order_planned")
    def on_order_planned(self, event: EventEnvelope, payload: OrderPlanned):
        handlers_tasks.order_planned(event, payload, self.uow)

    # -- findings (QLT-3) -------------------------------------------------------------------
    @expose
    def record_finding(self, actor, finding):
        return handlers_findings.record_finding(actor, finding, self.uow)

    @expose
    def react_to_finding(self, actor, finding_no, reaction):
        return handlers_findings.react_to_finding(actor, finding_no, reaction, self.uow)

    @expose
    def resolve_finding(self, actor, finding_no, resolution):
        return handlers_findings.resolve_finding(actor, finding_no, resolution, self.uow)

    @expose
    def list_findings(self, actor, order_no, status, limit):
        return handlers_findings.list_findings(actor, order_no, status, limit, self.uow)

    # -- nonconformance records (QLT-4) -----------------------------------------------------
    @expose
    def list_nonconformances(self, actor, order_no, status, limit):
        return handlers_ncr.list_nonconformances(actor, order_no, status, limit, self.uow)

    @expose
    def get_nonconformance(self, actor, ncr_no):
        return handlers_ncr.get_nonconformance(actor, ncr_no, self.uow)

    @expose
    def dispose_nonconformance(self, actor, ncr_no, disposition):
        return handlers_ncr.dispose_nonconformance(actor, ncr_no, disposition, self.uow)

    @expose
    def close_nonconformance(self, actor, ncr_no, closure):
        return handlers_ncr.close_nonconformance(actor, ncr_no, closure, self.uow)

    # -- what other departments report ------------------------------------------------------
    @event_handler("aftersales.quality_complaint_raised")
    def on_quality_complaint_raised(self, event: EventEnvelope,
                                    payload: QualityComplaintRaised):
        handlers_ncr.quality_complaint_raised(event, payload, self.uow)

    @event_handler("procurement.goods_received")
    def on_goods_received(self, event: EventEnvelope, payload: GoodsReceived):
        inbound.goods_received(event, payload, self.uow)

    @event_handler("planning.production_completed")
    def on_production_completed(self, event: EventEnvelope, payload: ProductionCompleted):
        inbound.production_completed(event, payload, self.uow)

    # -- a customer change notice's saga (SAL-8) ----------------------------------------------
    @event_handler("sales.change_issued")
    def on_change_issued(self, event: EventEnvelope, payload: ChangeIssued):
        changes.change_issued(event, payload, self.uow)

    @event_handler("sales.change_rolled_back")
    def on_change_rolled_back(self, event: EventEnvelope, payload: ChangeRolledBack):
        changes.change_rolled_back(event, payload, self.uow)
