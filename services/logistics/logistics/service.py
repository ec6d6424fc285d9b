"""The logistics service: thin nameko entrypoints over logistics' use cases (LOG-1..6)."""

from __future__ import annotations

from pathlib import Path

from contracts.envelope import EventEnvelope
from contracts.events.aftersales import ReplacementRequested
from contracts.events.co_production import CoProductionInstructed
from contracts.events.forecasts import ForecastUpdated
from contracts.events.planning import CompletionForecastChanged, OrderPlanned
from contracts.events.quality import FinalInspectionPassed
from contracts.events.sales import (
    OrderEffective,
    PaymentConfirmed,
    PaymentReversed,
    ShippingInstructionIssued,
)
from contracts.rpc.logistics import API
from logistics import (
    co_production,
    demo,
    feedback,
    handlers,
    handlers_flow,
    inbound,
    packaging,
    replacements,
)
from logistics.adapters.measures import MEASURES
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
    measures = MEASURES

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

    # -- delays, missing parts (LOG-4, LOG-5) and feedback (LOG-6) -------------------------------
    @expose
    def report_delay(self, actor, shipment_no, delay):
        return handlers_flow.report_delay(actor, shipment_no, delay, self.uow)

    @expose
    def ship_missing_parts(self, actor, missing_no, shipment):
        return handlers_flow.ship_missing_parts(actor, missing_no, shipment, self.uow)

    @expose
    def list_missing_parts(self, actor, order_no, limit):
        return handlers_flow.list_missing_parts(actor, order_no, limit, self.uow)

    @expose
    def report_not_received(self, actor, shipment_no, report):
        return feedback.report_not_received(actor, shipment_no, report, self.uow)

    @expose
    def close_investigation(self, actor, investigation_no, outcome):
        return feedback.close_investigation(actor, investigation_no, outcome, self.uow)

    @expose
    def list_investigations(self, actor, order_no, limit):
        return feedback.list_investigations(actor, order_no, limit, self.uow)

    @expose
    def list_carrier_claims(self, actor, order_no, limit):
        return feedback.list_carrier_claims(actor, order_no, limit, self.uow)

    @expose
    def settle_carrier_claim(self, actor, claim_no, settlement):
        return feedback.settle_carrier_claim(actor, claim_no, settlement, self.uow)

    # -- the packaging notice (LOG-1) ------------------------------------------------------------
    @expose
    def notify_packaging(self, actor, order_no, notice):
        return packaging.notify_packaging(actor, order_no, notice, self.uow)

    @expose
    def list_packaging_notices(self, actor, order_no, limit):
        return packaging.list_packaging_notices(actor, order_no, limit, self.uow)

    @event_handler("planning.order_planned")
    def on_order_planned(self, event: EventEnvelope, payload: OrderPlanned):
        inbound.order_planned(event, payload, self.uow)

    @event_handler("planning.completion_forecast_changed")
    def on_completion_forecast_changed(self, event: EventEnvelope,
                                       payload: CompletionForecastChanged):
        inbound.forecast_moved(event, payload, self.uow)

    @event_handler("planning.forecast_updated")
    def on_forecast_updated(self, event: EventEnvelope, payload: ForecastUpdated):
        inbound.forecast_moved(event, payload, self.uow)  # rule LOG-1, as above

    # -- other departments' facts, kept as logistics' own copies --------------------------------
    @event_handler("sales.shipping_instruction_issued")
    def on_shipping_instruction_issued(self, event: EventEnvelope,
                                       payload: ShippingInstructionIssued):
        inbound.shipping_instruction_issued(event, payload, self.uow)

    @event_handler("sales.order_effective")
    def on_order_effective(self, event: EventEnvelope, payload: OrderEffective):
        inbound.order_effective(event, payload, self.uow)

    @event_handler("sales.payment_confirmed")
    def on_payment_confirmed(self, event: EventEnvelope, payload: PaymentConfirmed):
        inbound.payment_confirmed(event, payload, self.uow)

    @event_handler("sales.payment_reversed")
    def on_payment_reversed(self, event: EventEnvelope, payload: PaymentReversed):
        inbound.payment_reversed(event, payload, self.uow)

    @event_handler("quality.final_inspection_passed")
    def on_final_inspection_passed(self, event: EventEnvelope, payload: FinalInspectionPassed):
        inbound.final_inspection_passed(event, payload, self.uow)

    @event_handler("planning.co_production_instructed")
    def on_co_production_instructed(self, event: EventEnvelope,
                                    payload: CoProductionInstructed):
        co_production.co_production_instructed(event, payload, self.uow)  # CO-1, PLN-12

    # -- replacements after-sales' remedies ship (AFS-4) -----------------------------------
    @expose
    def list_replacement_shipments(self, actor, order_no, request_no, limit):
        return replacements.list_replacement_shipments(actor, order_no, request_no, limit,
                                                       self.uow)

    @expose
    def dispatch_replacement(self, actor, shipment_no, dispatch):
        return replacements.dispatch_replacement(actor, shipment_no, dispatch, self.uow)

    @event_handler("aftersales.replacement_requested")
    def on_replacement_requested(self, event: EventEnvelope, payload: ReplacementRequested):
        replacements.replacement_requested(event, payload, self.uow)
