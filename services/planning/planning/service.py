"""The planning service: thin nameko entrypoints over planning's use cases.

Its RPC methods are the table in contracts/rpc/planning.py; capable-to-promise and
scheduling run off the eventlet hub within a time budget (planning.computing).
"""

from __future__ import annotations

from pathlib import Path

from contracts.envelope import EventEnvelope
from contracts.events.changes import ChangeIssued, ChangeRolledBack
from contracts.events.logistics import FinishedGoodsStocked
from contracts.events.procurement import (
    MaterialAvailable,
    MaterialDelayed,
    PurchaseOrdered,
    StockLevelChanged,
)
from contracts.events.quality import (
    FinalInspectionFailed,
    FinalInspectionPassed,
    ReworkRequested,
    ScrapRecorded,
)
from contracts.events.sales import OrderDeclined, OrderReceived, ProductionInstructionIssued
from contracts.rpc.planning import API
from planning import (
    changes,
    co_production,
    demo,
    forecasts,
    handlers,
    inbound,
    material_delays,
    objections,
    outsourcing,
    process_control,
    replanning,
    rework,
)
from planning import closing as closings
from planning import publication as plan_publication
from planning.adapters.measures import MEASURES
from planning.adapters.tables import metadata
from planning.computing import ComputeProvider
from planning.service_closing import PlanningClosingEntrypoints
from planning.service_co_production import PlanningCoProductionEntrypoints
from planning.service_masterdata import PlanningMasterDataEntrypoints
from planning.service_outsourcing import PlanningOutsourcingEntrypoints
from planning.service_stock import PlanningStockEntrypoints
from planning.unit_of_work import PlanningUnitOfWork
from servicekit import change_parts
from servicekit.events import event_handler
from servicekit.rpcs import exposes
from servicekit.runtime import UnitOfWorkProvider
from servicekit.service import ServiceBase

MIGRATIONS = Path(__file__).parent / "migrations"

expose = exposes(API)


class PlanningService(PlanningCoProductionEntrypoints, PlanningMasterDataEntrypoints,
                      PlanningOutsourcingEntrypoints, PlanningClosingEntrypoints,
                      PlanningStockEntrypoints, ServiceBase):
    name = "planning"
    uow = UnitOfWorkProvider(PlanningUnitOfWork, metadata, MIGRATIONS, seed=demo.seed)
    measures = MEASURES
    compute = ComputeProvider()

    # -- feasibility (PLN-2) and design review (SAL-3) ------------------------------------------
    @expose
    def check_feasibility(self, query):
        return handlers.check_feasibility(query, self.uow, self.compute)

    @expose
    def get_demand(self, actor, order_no):
        return handlers.get_demand(actor, order_no, self.uow)

    @expose
    def list_pending_design_reviews(self, actor, limit):
        return handlers.list_pending_design_reviews(actor, limit, self.uow)

    @expose
    def review_design(self, actor, order_no, review):
        return handlers.review_design(actor, order_no, review, self.uow)

    # -- plans and the shop floor (PLN-1, PLN-8) -----------------------------------------------
    @expose
    def get_plan(self, actor, order_no):
        return handlers.get_plan(actor, order_no, self.uow)

    @expose
    def list_plans(self, actor, publication, limit):
        return plan_publication.list_plans(actor, publication, limit, self.uow)

    @expose
    def publish_plan(self, actor, order_no, publication):
        return plan_publication.publish_plan(actor, order_no, publication, self.uow)

    @expose
    def record_coordination_meeting(self, actor, order_no, meeting):
        return plan_publication.record_coordination_meeting(actor, order_no, meeting, self.uow)

    @expose
    def approve_plan_coordination(self, actor, order_no, approval):
        return plan_publication.approve_plan_coordination(actor, order_no, approval, self.uow)

    @expose
    def get_process_control(self, actor, work_order_no):
        return process_control.get_process_control(actor, work_order_no, self.uow)

    @expose
    def check_preparation(self, actor, work_order_no, check):
        return process_control.check_preparation(actor, work_order_no, check, self.uow)

    @expose
    def record_remedy(self, actor, work_order_no, remedy):
        return process_control.record_remedy(actor, work_order_no, remedy, self.uow)

    @expose
    def list_work_orders(self, actor, status, limit, order_no):
        return handlers.list_work_orders(actor, status, limit, self.uow, order_no)

    @expose
    def release_work_order(self, actor, work_order_no):
        return handlers.release_work_order(actor, work_order_no, self.uow)

    @expose
    def report_progress(self, actor, work_order_no, report):
        return handlers.report_progress(actor, work_order_no, report, self.uow)

    @expose
    def complete_work_order(self, actor, work_order_no):
        return handlers.complete_work_order(actor, work_order_no, self.uow)

    # -- the live plan and its re-plans (PLN-5, PLN-7, PLN-9) ------------------------------------
    @expose
    def get_live_plan(self, actor, company_id, limit):
        return replanning.get_live_plan(actor, company_id, limit, self.uow)

    @expose
    def assess_rush(self, actor, order_no):
        return replanning.assess_rush(actor, order_no, self.uow, self.compute)

    @expose
    def approve_rush(self, actor, order_no):
        return replanning.approve_rush(actor, order_no, self.uow)

    @expose
    def record_breakdown(self, actor, company_id, breakdown):
        return replanning.record_breakdown(actor, company_id, breakdown, self.uow,
                                           self.compute)

    @expose
    def propose_resequence(self, actor, company_id):
        return replanning.propose_resequence(actor, company_id, self.uow, self.compute)

    @expose
    def approve_resequence(self, actor, proposal_no):
        return replanning.approve_resequence(actor, proposal_no, self.uow)

    @expose
    def report_forecast(self, actor, order_no, report):
        return forecasts.report_forecast(actor, order_no, report, self.uow)

    @expose
    def journey(self, actor, order_no):
        return (handlers.journey(actor, order_no, self.uow)
                + outsourcing.journey(actor, order_no, self.uow)  # PLN-10
                + process_control.journey(actor, order_no, self.uow)  # PLN-8
                + change_parts.journey(actor, order_no, self.uow)  # SAL-8
                + co_production.journey(actor, order_no, self.uow)  # CO-1
                + closings.journey(actor, order_no, self.uow))  # PLN-13

    @expose
    def order_view(self, actor, order_no):
        """X-3: planning's stages and limits, and the co-production instructions the order
        raised (CO-1: their makers' stages are its sub-journeys), in the journey view's one
        call to planning (issue 16)."""
        with self.uow:
            raised = co_production.list_co_production(actor, order_no, 100, self.uow)
            return {**ServiceBase.order_view.__wrapped__(self, actor, order_no),
                    "co_production": [i.model_dump(mode="json") for i in raised]}

    # -- what other departments report -------------------------------------------------------
    @event_handler("sales.order_received")
    def on_order_received(self, event: EventEnvelope, payload: OrderReceived):
        inbound.order_received(event, payload, self.uow)

    @event_handler("sales.order_declined")
    def on_order_declined(self, event: EventEnvelope, payload: OrderDeclined):
        inbound.order_declined(event, payload, self.uow)

    @event_handler("sales.production_instruction_issued")
    def on_production_instruction_issued(self, event: EventEnvelope,
                                         payload: ProductionInstructionIssued):
        inbound.production_instruction_issued(event, payload, self.uow, self.compute)

    @event_handler("procurement.purchase_ordered")
    def on_purchase_ordered(self, event: EventEnvelope, payload: PurchaseOrdered):
        inbound.purchase_ordered(event, payload, self.uow)

    @event_handler("procurement.material_available")
    def on_material_available(self, event: EventEnvelope, payload: MaterialAvailable):
        inbound.material_available(event, payload, self.uow)

    @event_handler("procurement.stock_level_changed")
    def on_stock_level_changed(self, event: EventEnvelope, payload: StockLevelChanged):
        inbound.stock_level_changed(event, payload, self.uow)

    @event_handler("procurement.material_delayed")
    def on_material_delayed(self, event: EventEnvelope, payload: MaterialDelayed):
        material_delays.material_delayed(event, payload, self.uow)  # rule PRC-7

    @event_handler("quality.final_inspection_failed")
    def on_final_inspection_failed(self, event: EventEnvelope, payload: FinalInspectionFailed):
        inbound.final_inspection_failed(event, payload, self.uow)

    @event_handler("quality.final_inspection_passed")
    def on_final_inspection_passed(self, event: EventEnvelope, payload: FinalInspectionPassed):
        inbound.final_inspection_passed(event, payload, self.uow)

    @event_handler("logistics.finished_goods_stocked")
    def on_finished_goods_stocked(self, event: EventEnvelope, payload: FinishedGoodsStocked):
        inbound.finished_goods_stocked(event, payload, self.uow)

    # -- a customer change notice's saga (SAL-8) ----------------------------------------------
    @event_handler("sales.change_issued")
    def on_change_issued(self, event: EventEnvelope, payload: ChangeIssued):
        changes.change_issued(event, payload, self.uow)

    @event_handler("sales.change_rolled_back")
    def on_change_rolled_back(self, event: EventEnvelope, payload: ChangeRolledBack):
        changes.change_rolled_back(event, payload, self.uow)

    # -- quality's nonconformance records (QLT-4, PLN-13) ---------------------------------------
    @expose
    def list_rework_orders(self, actor, order_no, limit):
        return rework.list_rework_orders(actor, order_no, limit, self.uow)

    @event_handler("quality.rework_requested")
    def on_rework_requested(self, event: EventEnvelope, payload: ReworkRequested):
        rework.rework_requested(event, payload, self.uow)

    @event_handler("quality.scrap_recorded")
    def on_scrap_recorded(self, event: EventEnvelope, payload: ScrapRecorded):
        rework.scrap_recorded(event, payload, self.uow)

    # -- objections to a plan task's time (PLN-6, CO-2) ----------------------------------------
    @expose
    def raise_objection(self, actor, work_order_no, objection):
        return objections.raise_objection(actor, work_order_no, objection, self.uow)

    @expose
    def decide_objection(self, actor, objection_no, decision):
        return objections.decide_objection(actor, objection_no, decision, self.uow)

    @expose
    def list_objections(self, actor, order_no, status, limit):
        return objections.list_objections(actor, order_no, status, limit, self.uow)
