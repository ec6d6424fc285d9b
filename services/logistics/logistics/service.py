"""The logistics service: thin nameko entrypoints over logistics' use cases (LOG-1..6)."""

from __future__ import annotations

from pathlib import Path

from contracts.envelope import EventEnvelope
from contracts.events.quality import FinalInspectionPassed
from contracts.events.sales import OrderEffective, PaymentConfirmed
from contracts.rpc.logistics import API
from logistics import demo, handlers, inbound
from logistics.adapters.tables import metadata
from logistics.unit_of_work import LogisticsUnitOfWork
from servicekit.events import event_handler
from servicekit.rpcs import exposes
from servicekit.runtime import UnitOfWorkProvider
from servicekit.service import ServiceBase

MIGRATIONS = Path(__file__).parent / "migrations"

expose = exposes(API)


class LogisticsService(ServiceBase):
    name = "logistics"
    uow = UnitOfWorkProvider(LogisticsUnitOfWork, metadata, MIGRATIONS, seed=demo.seed)

    # -- reads -----------------------------------------------------------------------------
    @expose
    def list_finished_goods(self, actor, status, limit):
        return handlers.list_finished_goods(actor, status, limit, self.uow)

    @expose
    def list_shipments(self, actor, order_no, status, limit):
        return handlers.list_shipments(actor, order_no, status, limit, self.uow)

    @expose
    def journey(self, actor, order_no):
        return handlers.journey(actor, order_no, self.uow)

    # -- shipping (LOG-2..6) -----------------------------------------------------------------
    @expose
    def prepare_shipment(self, actor, order_no, shipment):
        return handlers.prepare_shipment(actor, order_no, shipment, self.uow)

    @expose
    def dispatch_shipment(self, actor, shipment_no, dispatch):
        return handlers.dispatch_shipment(actor, shipment_no, dispatch, self.uow)

    @expose
    def confirm_delivery(self, actor, shipment_no, delivery):
        return handlers.confirm_delivery(actor, shipment_no, delivery, self.uow)

    # -- other departments' facts, kept as logistics' own copies --------------------------------
    @event_handler("sales.order_effective")
    def on_order_effective(self, event: EventEnvelope, payload: OrderEffective):
        inbound.order_effective(event, payload, self.uow)

    @event_handler("sales.payment_confirmed")
    def on_payment_confirmed(self, event: EventEnvelope, payload: PaymentConfirmed):
        inbound.payment_confirmed(event, payload, self.uow)

    @event_handler("quality.final_inspection_passed")
    def on_final_inspection_passed(self, event: EventEnvelope, payload: FinalInspectionPassed):
        inbound.final_inspection_passed(event, payload, self.uow)
