"""The procurement service: thin nameko entrypoints over procurement's use cases."""

from pathlib import Path

from nameko.rpc import rpc

from contracts.envelope import EventEnvelope
from contracts.errors import EXPECTED_ERRORS
from contracts.events.planning import MaterialRequested
from contracts.events.quality import LotAccepted, LotRejected
from contracts.rpc.common import Actor
from contracts.rpc.procurement import ReceiptCreate
from procurement import demo, handlers, views
from procurement.adapters.tables import metadata
from procurement.unit_of_work import ProcurementUnitOfWork
from servicekit.events import event_handler
from servicekit.rpcs import parse, reply
from servicekit.runtime import UnitOfWorkProvider
from servicekit.service import ServiceBase

MIGRATIONS = Path(__file__).parent / "migrations"


class ProcurementService(ServiceBase):
    name = "procurement"
    uow = UnitOfWorkProvider(ProcurementUnitOfWork, metadata, MIGRATIONS, seed=demo.seed)

    # -- events ---------------------------------------------------------------------
    @event_handler("planning.material_requested")
    def on_material_requested(self, event: EventEnvelope, payload: MaterialRequested):
        handlers.request_material(event.company_id, payload, self.uow)

    @event_handler("quality.lot_accepted")
    def on_lot_accepted(self, event: EventEnvelope, payload: LotAccepted):
        handlers.accept_lot(payload, self.uow)

    @event_handler("quality.lot_rejected")
    def on_lot_rejected(self, event: EventEnvelope, payload: LotRejected):
        handlers.reject_lot(payload, self.uow)

    # -- RPC ------------------------------------------------------------------------
    @rpc(expected_exceptions=EXPECTED_ERRORS)
    def list_purchase_orders(self, actor, order_no=None, status=None):
        return reply(handlers.list_purchase_orders(parse(Actor, actor), self.uow,
                                                   order_no=order_no, status=status))

    @rpc(expected_exceptions=EXPECTED_ERRORS)
    def get_purchase_order(self, actor, po_no):
        return reply(handlers.get_purchase_order(parse(Actor, actor), po_no, self.uow))

    @rpc(expected_exceptions=EXPECTED_ERRORS)
    def receive_goods(self, actor, po_no, receipt):
        return reply(handlers.receive_goods(parse(Actor, actor), po_no,
                                            parse(ReceiptCreate, receipt), self.uow))

    @rpc(expected_exceptions=EXPECTED_ERRORS)
    def list_stock(self, actor, material_code=None):
        return reply(handlers.list_stock(parse(Actor, actor), self.uow, material_code))

    @rpc(expected_exceptions=EXPECTED_ERRORS)
    def journey(self, actor, order_no):
        return reply(views.journey(parse(Actor, actor), order_no, self.uow))
