"""The planning service: thin nameko entrypoints over planning's use cases."""

from pathlib import Path

from nameko.rpc import rpc

from contracts.envelope import EventEnvelope
from contracts.errors import EXPECTED_ERRORS
from contracts.events.logistics import FinishedGoodsStocked
from contracts.events.procurement import MaterialAvailable, PurchaseOrdered
from contracts.events.quality import FinalInspectionFailed, FinalInspectionPassed
from contracts.events.sales import OrderDeclined, OrderReceived, ProductionInstructionIssued
from contracts.rpc.common import Actor
from contracts.rpc.planning import DesignReviewCreate, FeasibilityQuery, ProgressReport
from planning import demo, handlers
from planning.adapters.tables import metadata
from planning.unit_of_work import PlanningUnitOfWork
from servicekit.events import event_handler
from servicekit.rpcs import parse, reply
from servicekit.runtime import UnitOfWorkProvider
from servicekit.service import ServiceBase

MIGRATIONS = Path(__file__).parent / "migrations"


def _actor(actor) -> Actor:
    return parse(Actor, actor)


class PlanningService(ServiceBase):
    name = "planning"
    uow = UnitOfWorkProvider(PlanningUnitOfWork, metadata, MIGRATIONS, seed=demo.seed)

    # -- events ---------------------------------------------------------------------------
    @event_handler("sales.order_received")
    def on_order_received(self, event: EventEnvelope, payload: OrderReceived):
        handlers.record_demand(payload, event.company_id, self.uow, at=event.occurred_at)

    @event_handler("sales.order_declined")
    def on_order_declined(self, event: EventEnvelope, payload: OrderDeclined):
        handlers.decline_demand(payload, self.uow, at=event.occurred_at)

    @event_handler("sales.production_instruction_issued")
    def on_production_instruction_issued(self, event: EventEnvelope,
                                         payload: ProductionInstructionIssued):
        handlers.decompose(payload, event.company_id, self.uow)

    @event_handler("procurement.purchase_ordered")
    def on_purchase_ordered(self, event: EventEnvelope, payload: PurchaseOrdered):
        handlers.purchase_ordered(payload, self.uow, at=event.occurred_at)

    @event_handler("procurement.material_available")
    def on_material_available(self, event: EventEnvelope, payload: MaterialAvailable):
        handlers.material_available(payload, self.uow, at=event.occurred_at)

    @event_handler("quality.final_inspection_failed")
    def on_final_inspection_failed(self, event: EventEnvelope, payload: FinalInspectionFailed):
        handlers.final_inspection_failed(payload, self.uow, at=event.occurred_at)

    @event_handler("quality.final_inspection_passed")
    def on_final_inspection_passed(self, event: EventEnvelope, payload: FinalInspectionPassed):
        handlers.final_inspection_passed(payload, self.uow, at=event.occurred_at)

    @event_handler("logistics.finished_goods_stocked")
    def on_finished_goods_stocked(self, event: EventEnvelope, payload: FinishedGoodsStocked):
        handlers.finished_goods_stocked(payload, self.uow)

    # -- RPC (docs/rpc.md) --------------------------------------------------------------------
    @rpc(expected_exceptions=EXPECTED_ERRORS)
    def check_feasibility(self, query):
        return reply(handlers.check_feasibility(parse(FeasibilityQuery, query), self.uow))

    @rpc(expected_exceptions=EXPECTED_ERRORS)
    def get_demand(self, actor, order_no: str):
        return reply(handlers.get_demand(_actor(actor), order_no, self.uow))

    @rpc(expected_exceptions=EXPECTED_ERRORS)
    def list_pending_design_reviews(self, actor):
        return reply(handlers.list_pending_design_reviews(_actor(actor), self.uow))

    @rpc(expected_exceptions=EXPECTED_ERRORS)
    def review_design(self, actor, order_no: str, review):
        return reply(handlers.review_design(_actor(actor), order_no,
                                            parse(DesignReviewCreate, review), self.uow))

    @rpc(expected_exceptions=EXPECTED_ERRORS)
    def get_plan(self, actor, order_no: str):
        return reply(handlers.get_plan(_actor(actor), order_no, self.uow))

    @rpc(expected_exceptions=EXPECTED_ERRORS)
    def list_work_orders(self, actor, status=None):
        return reply(handlers.list_work_orders(_actor(actor), status, self.uow))

    @rpc(expected_exceptions=EXPECTED_ERRORS)
    def release_work_order(self, actor, work_order_no: str):
        return reply(handlers.release_work_order(_actor(actor), work_order_no, self.uow))

    @rpc(expected_exceptions=EXPECTED_ERRORS)
    def report_progress(self, actor, work_order_no: str, report):
        return reply(handlers.report_progress(_actor(actor), work_order_no,
                                              parse(ProgressReport, report), self.uow))

    @rpc(expected_exceptions=EXPECTED_ERRORS)
    def complete_work_order(self, actor, work_order_no: str):
        return reply(handlers.complete_work_order(_actor(actor), work_order_no, self.uow))

    @rpc(expected_exceptions=EXPECTED_ERRORS)
    def journey(self, actor, order_no: str):
        return reply(handlers.journey(_actor(actor), order_no, self.uow))
