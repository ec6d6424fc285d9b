"""The quality service: thin nameko entrypoints over quality's use cases."""

from pathlib import Path

from nameko.rpc import rpc

from contracts.envelope import EventEnvelope
from contracts.errors import EXPECTED_ERRORS
from contracts.events.planning import ProductionCompleted
from contracts.events.procurement import GoodsReceived
from contracts.rpc.common import Actor
from contracts.rpc.quality import FinalInspectionCreate, InspectionCreate
from quality import handlers
from quality.adapters.tables import metadata
from quality.unit_of_work import QualityUnitOfWork
from servicekit.events import event_handler
from servicekit.rpcs import parse, reply
from servicekit.runtime import UnitOfWorkProvider
from servicekit.service import ServiceBase

MIGRATIONS = Path(__file__).parent / "migrations"


class QualityService(ServiceBase):
    name = "quality"
    # No seed: demo/group.json has no quality section (quality owns no reference data).
    uow = UnitOfWorkProvider(QualityUnitOfWork, metadata, MIGRATIONS)

    # -- events ------------------------------------------------------------------
    @event_handler("procurement.goods_received")
    def on_goods_received(self, event: EventEnvelope, payload: GoodsReceived):
        # received when procurement recorded it, not when this handler ran
        handlers.record_lot(payload, event.company_id, self.uow, now=event.occurred_at)

    @event_handler("planning.production_completed")
    def on_production_completed(self, event: EventEnvelope, payload: ProductionCompleted):
        handlers.await_final_inspection(payload, event.company_id, self.uow)

    # -- incoming inspection (QLT-1) ------------------------------------------------
    @rpc(expected_exceptions=EXPECTED_ERRORS)
    def list_lots(self, actor, status=None):
        return reply(handlers.list_lots(parse(Actor, actor), status, self.uow))

    @rpc(expected_exceptions=EXPECTED_ERRORS)
    def inspect_lot(self, actor, lot_no, inspection):
        return reply(handlers.inspect_lot(parse(Actor, actor), lot_no,
                                          parse(InspectionCreate, inspection), self.uow))

    # -- final inspection (QLT-2) -----------------------------------------------------
    @rpc(expected_exceptions=EXPECTED_ERRORS)
    def list_final_inspections(self, actor, status=None):
        return reply(handlers.list_final_inspections(parse(Actor, actor), status, self.uow))

    @rpc(expected_exceptions=EXPECTED_ERRORS)
    def record_final_inspection(self, actor, order_no, result):
        return reply(handlers.record_final_inspection(
            parse(Actor, actor), order_no, parse(FinalInspectionCreate, result), self.uow))

    # -- views --------------------------------------------------------------------------
    @rpc(expected_exceptions=EXPECTED_ERRORS)
    def journey(self, actor, order_no):
        return reply(handlers.journey(parse(Actor, actor), order_no, self.uow))

    @rpc(expected_exceptions=EXPECTED_ERRORS)
    def supplier_lot_pass_rates(self, actor):
        """QLT-5 (first piece): lot pass rate per supplier, company-scoped."""
        return reply(handlers.supplier_lot_pass_rates(parse(Actor, actor), self.uow))
