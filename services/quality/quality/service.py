"""The quality service: thin nameko entrypoints over quality's use cases
(contracts/rpc/quality.py is its method table)."""

from __future__ import annotations

from pathlib import Path

from contracts.envelope import EventEnvelope
from contracts.events.planning import ProductionCompleted
from contracts.events.procurement import GoodsReceived
from contracts.rpc.quality import API
from quality import handlers, inbound
from quality.adapters.tables import metadata
from quality.unit_of_work import QualityUnitOfWork
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

    # -- incoming inspection (QLT-1, QLT-4) -------------------------------------------------
    @expose
    def list_lots(self, actor, status, limit):
        return handlers.list_lots(actor, status, limit, self.uow)

    @expose
    def inspect_lot(self, actor, lot_no, inspection):
        return handlers.inspect_lot(actor, lot_no, inspection, self.uow)

    # -- final inspection (QLT-2, QLT-4) ----------------------------------------------------
    @expose
    def list_final_inspections(self, actor, status, limit):
        return handlers.list_final_inspections(actor, status, limit, self.uow)

    @expose
    def record_final_inspection(self, actor, order_no, result):
        return handlers.record_final_inspection(actor, order_no, result, self.uow)

    # -- views ------------------------------------------------------------------------------
    @expose
    def journey(self, actor, order_no):
        return handlers.journey(actor, order_no, self.uow)

    @expose
    def supplier_lot_pass_rates(self, actor, limit):
        return handlers.supplier_lot_pass_rates(actor, limit, self.uow)

    # -- what other departments report ------------------------------------------------------
    @event_handler("procurement.goods_received")
    def on_goods_received(self, event: EventEnvelope, payload: GoodsReceived):
        inbound.goods_received(event, payload, self.uow)

    @event_handler("planning.production_completed")
    def on_production_completed(self, event: EventEnvelope, payload: ProductionCompleted):
        inbound.production_completed(event, payload, self.uow)
