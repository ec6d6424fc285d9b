"""The logistics service: thin nameko entrypoints over logistics's use cases."""

from pathlib import Path

from nameko.rpc import rpc

from contracts.envelope import EventEnvelope
from contracts.errors import EXPECTED_ERRORS
from contracts.events.quality import FinalInspectionPassed
from contracts.events.sales import OrderEffective, PaymentConfirmed
from contracts.rpc.common import Actor
from contracts.rpc.logistics import DeliveryConfirm, DispatchCreate, ShipmentCreate
from logistics import demo, handlers
from logistics.adapters.tables import metadata
from logistics.unit_of_work import LogisticsUnitOfWork
from servicekit.events import event_handler
from servicekit.rpcs import parse, reply
from servicekit.runtime import UnitOfWorkProvider
from servicekit.service import ServiceBase

MIGRATIONS = Path(__file__).parent / "migrations"


class LogisticsService(ServiceBase):
    name = "logistics"
    uow = UnitOfWorkProvider(LogisticsUnitOfWork, metadata, MIGRATIONS, seed=demo.seed)

    # -- other departments' facts ---------------------------------------------------------
    @event_handler("sales.order_effective")
    def on_order_effective(self, event: EventEnvelope, payload: OrderEffective):
        handlers.record_order_effective(payload, event.company_id, self.uow)

    @event_handler("sales.payment_confirmed")
    def on_payment_confirmed(self, event: EventEnvelope, payload: PaymentConfirmed):
        handlers.record_payment(payload, event.company_id, event.occurred_at, self.uow)

    @event_handler("quality.final_inspection_passed")
    def on_final_inspection_passed(self, event: EventEnvelope, payload: FinalInspectionPassed):
        handlers.stock_finished_goods(payload, event.company_id, self.uow)

    # -- gateway commands and queries -----------------------------------------------------
    @rpc(expected_exceptions=EXPECTED_ERRORS)
    def list_finished_goods(self, actor, status=None):
        return reply(handlers.list_finished_goods(parse(Actor, actor), status, self.uow))

    @rpc(expected_exceptions=EXPECTED_ERRORS)
    def prepare_shipment(self, actor, order_no, shipment):
        return reply(handlers.prepare_shipment(
            parse(Actor, actor), order_no, parse(ShipmentCreate, shipment), self.uow))

    @rpc(expected_exceptions=EXPECTED_ERRORS)
    def dispatch_shipment(self, actor, shipment_no, dispatch):
        return reply(handlers.dispatch_shipment(
            parse(Actor, actor), shipment_no, parse(DispatchCreate, dispatch), self.uow))

    @rpc(expected_exceptions=EXPECTED_ERRORS)
    def confirm_delivery(self, actor, shipment_no, delivery):
        return reply(handlers.confirm_delivery(
            parse(Actor, actor), shipment_no, parse(DeliveryConfirm, delivery), self.uow))

    @rpc(expected_exceptions=EXPECTED_ERRORS)
    def list_shipments(self, actor, order_no=None, status=None):
        return reply(handlers.list_shipments(parse(Actor, actor), order_no, status, self.uow))

    @rpc(expected_exceptions=EXPECTED_ERRORS)
    def journey(self, actor, order_no):
        return reply(handlers.journey(parse(Actor, actor), order_no, self.uow))
