"""The procurement service: thin nameko entrypoints over procurement's use cases (its table
is contracts.rpc.procurement.API)."""

from __future__ import annotations

from pathlib import Path

from contracts.envelope import EventEnvelope
from contracts.events.planning import MaterialRequested
from contracts.events.quality import LotAccepted, LotRejected
from contracts.rpc.procurement import API
from procurement import demo, handlers, inbound
from procurement.adapters.tables import metadata
from procurement.unit_of_work import ProcurementUnitOfWork
from servicekit.events import event_handler
from servicekit.rpcs import exposes
from servicekit.runtime import UnitOfWorkProvider
from servicekit.service import ServiceBase

MIGRATIONS = Path(__file__).parent / "migrations"

expose = exposes(API)


class ProcurementService(ServiceBase):
    name = "procurement"
    uow = UnitOfWorkProvider(ProcurementUnitOfWork, metadata, MIGRATIONS, seed=demo.seed)

    # -- reads -----------------------------------------------------------------------
    @expose
    def list_purchase_orders(self, actor, order_no, status, limit):
        return handlers.list_purchase_orders(actor, order_no, status, limit, self.uow)

    @expose
    def get_purchase_order(self, actor, po_no):
        return handlers.get_purchase_order(actor, po_no, self.uow)

    @expose
    def list_stock(self, actor, material_code, limit):
        return handlers.list_stock(actor, material_code, limit, self.uow)

    @expose
    def journey(self, actor, order_no):
        return handlers.journey(actor, order_no, self.uow)

    # -- receiving (PRC-6) -----------------------------------------------------------------
    @expose
    def receive_goods(self, actor, po_no, receipt):
        return handlers.receive_goods(actor, po_no, receipt, self.uow)

    # -- what other departments report -------------------------------------------------------
    @event_handler("planning.material_requested")
    def on_material_requested(self, event: EventEnvelope, payload: MaterialRequested):
        inbound.material_requested(event, payload, self.uow)

    @event_handler("quality.lot_accepted")
    def on_lot_accepted(self, event: EventEnvelope, payload: LotAccepted):
        inbound.lot_accepted(event, payload, self.uow)

    @event_handler("quality.lot_rejected")
    def on_lot_rejected(self, event: EventEnvelope, payload: LotRejected):
        inbound.lot_rejected(event, payload, self.uow)
