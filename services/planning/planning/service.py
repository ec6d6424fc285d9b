"""The planning service: thin nameko entrypoints over planning's use cases.

Its RPC methods are the table in contracts/rpc/planning.py; capable-to-promise and
scheduling run off the eventlet hub within a time budget (planning.computing).
"""

from __future__ import annotations

from pathlib import Path

from contracts.envelope import EventEnvelope
from contracts.events.logistics import FinishedGoodsStocked
from contracts.events.procurement import MaterialAvailable, PurchaseOrdered
from contracts.events.quality import FinalInspectionFailed, FinalInspectionPassed
from contracts.events.sales import OrderDeclined, OrderReceived, ProductionInstructionIssued
from contracts.rpc.planning import API
from planning import demo, handlers, inbound
from planning.adapters.tables import metadata
from planning.computing import ComputeProvider
from planning.unit_of_work import PlanningUnitOfWork
from servicekit.events import event_handler
from servicekit.rpcs import exposes
from servicekit.runtime import UnitOfWorkProvider
from servicekit.service import ServiceBase

MIGRATIONS = Path(__file__).parent / "migrations"

expose = exposes(API)


class PlanningService(ServiceBase):
    name = "planning"
    uow = UnitOfWorkProvider(PlanningUnitOfWork, metadata, MIGRATIONS, seed=demo.seed)
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
    def list_work_orders(self, actor, status, limit):
        return handlers.list_work_orders(actor, status, limit, self.uow)

    @expose
    def release_work_order(self, actor, work_order_no):
        return handlers.release_work_order(actor, work_order_no, self.uow)

    @expose
    def report_progress(self, actor, work_order_no, report):
        return handlers.report_progress(actor, work_order_no, report, self.uow)

    @expose
    def complete_work_order(self, actor, work_order_no):
        return handlers.complete_work_order(actor, work_order_no, self.uow)

    @expose
    def journey(self, actor, order_no):
        return handlers.journey(actor, order_no, self.uow)

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

    @event_handler("quality.final_inspection_failed")
    def on_final_inspection_failed(self, event: EventEnvelope, payload: FinalInspectionFailed):
        inbound.final_inspection_failed(event, payload, self.uow)

    @event_handler("quality.final_inspection_passed")
    def on_final_inspection_passed(self, event: EventEnvelope, payload: FinalInspectionPassed):
        inbound.final_inspection_passed(event, payload, self.uow)

    @event_handler("logistics.finished_goods_stocked")
    def on_finished_goods_stocked(self, event: EventEnvelope, payload: FinishedGoodsStocked):
        inbound.finished_goods_stocked(event, payload, self.uow)
