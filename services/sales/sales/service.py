"""The sales service: thin nameko entrypoints over sales' use cases (docs/rpc.md)."""

from __future__ import annotations

from pathlib import Path

import eventlet
from nameko.dependency_providers import Config
from nameko.exceptions import RemoteError, RpcTimeout, UnknownService
from nameko.rpc import RpcProxy

from contracts.catalog import SERVICES
from contracts.envelope import EventEnvelope
from contracts.events import aftersales, logistics
from contracts.events import planning as planning_events
from contracts.events.changes import ChangeAnswered
from contracts.events.forecasts import ForecastUpdated
from contracts.rpc.sales import API
from sales import (
    change_notices,
    delivery_dates,
    demo,
    follow_up,
    handlers,
    handlers_receivables,
    handlers_shipping,
    inbound,
    installations,
)
from sales.adapters.measures import MEASURES
from sales.adapters.tables import metadata
from sales.service_masterdata import SalesMasterDataEntrypoints
from sales.unit_of_work import SalesUnitOfWork
from servicekit.events import event_handler
from servicekit.rpcs import exposes
from servicekit.runtime import UnitOfWorkProvider
from servicekit.service import ServiceBase

MIGRATIONS = Path(__file__).parent / "migrations"
# planning decides within its compute budget (PLANNING_COMPUTE_BUDGET_S, 10 s): wait longer,
# so that its "could not decide" arrives instead of a timeout of ours
DEFAULT_PLANNING_TIMEOUT_S = 15.0
PLANNING_REFUSALS = ("Conflict", "InvalidRequest")

expose = exposes(API)


class SalesService(SalesMasterDataEntrypoints, ServiceBase):
    name = "sales"
    uow = UnitOfWorkProvider(SalesUnitOfWork, metadata, MIGRATIONS, seed=demo.seed)
    measures = MEASURES
    planning = RpcProxy("planning")
    config = Config()

    # -- reads -----------------------------------------------------------------------
    @expose
    def get_order(self, actor, order_no):
        return handlers.get_order(actor, order_no, self.uow)

    @expose
    def list_orders(self, actor, status, limit, after=None):
        return handlers.list_orders(actor, status, limit, self.uow, after)

    @expose
    def list_customers(self, actor):
        return handlers.list_customers(actor, self.uow)

    @expose
    def journey(self, actor, order_no):
        return (handlers.journey(actor, order_no, self.uow)
                + installations.journey(actor, order_no, self.uow))  # AFS-3

    @expose
    def order_view(self, actor, order_no):
        """X-3: the order itself with sales' stages and limits, in the journey view's one
        call to sales (issue 16); NotFound when the actor may not see the order."""
        with self.uow:  # one transaction, and the order read once for itself and its stages
            order, stages = handlers.order_and_journey(actor, order_no, self.uow)
            stages += installations.journey(actor, order_no, self.uow)  # AFS-3
            return {**self.view_of(order_no, stages), "order": order.model_dump(mode="json")}

    # -- installation on the customer's site (AFS-3) -------------------------------------------
    @expose
    def record_installation_terms(self, actor, order_no, terms):
        return installations.record_installation_terms(actor, order_no, terms, self.uow)

    @expose
    def confirm_site_readiness(self, actor, order_no, readiness):
        return installations.confirm_site_readiness(actor, order_no, readiness, self.uow)

    # -- intake and review (SAL-1..4, ORD-1..3) ----------------------------------------------
    @expose
    def receive_order(self, actor, order):
        return handlers.receive_order(actor, order, self.uow)

    @expose
    def import_orders(self, actor, batch):
        return handlers.import_orders(actor, batch, self.uow)

    @expose
    def review_order(self, actor, order_no):
        return handlers.review_order(actor, order_no, self.uow, self._check_feasibility)

    @expose
    def agree_date(self, actor, order_no, agreement):
        return handlers.agree_date(actor, order_no, agreement, self.uow)

    @expose
    def decline_order(self, actor, order_no, decline):
        return handlers.decline_order(actor, order_no, decline, self.uow)

    @expose
    def sign_off_repeat(self, actor, order_no):
        return handlers.sign_off_repeat(actor, order_no, self.uow)

    # -- quotation to production instruction (SAL-5..7, SAL-10) --------------------------------
    @expose
    def quote_order(self, actor, order_no):
        return handlers.quote_order(actor, order_no, self.uow)

    @expose
    def sign_contract(self, actor, order_no, contract):
        return handlers.sign_contract(actor, order_no, contract, self.uow)

    @expose
    def record_payment(self, actor, order_no, payment):
        return handlers.record_payment(actor, order_no, payment, self.uow)

    @expose
    def reverse_payment(self, actor, order_no, payment_no, reversal):
        return handlers.reverse_payment(actor, order_no, payment_no, reversal, self.uow)

    @expose
    def issue_production_instruction(self, actor, order_no):
        return handlers.issue_production_instruction(actor, order_no, self.uow)

    # -- shipping instruction (LOG-2) ----------------------------------------------------------
    @expose
    def issue_shipping_instruction(self, actor, order_no, instruction):
        return handlers_shipping.issue_shipping_instruction(actor, order_no, instruction,
                                                            self.uow)

    @expose
    def list_shipping_instructions(self, actor, order_no, limit):
        return handlers_shipping.list_shipping_instructions(actor, order_no, limit, self.uow)

    # -- receivables (SAL-10) -------------------------------------------------------------------
    @expose
    def list_invoices(self, actor, order_no, status, limit):
        return handlers_receivables.list_invoices(actor, order_no, status, limit, self.uow)

    @expose
    def receivables_aging(self, actor, as_of, company_id):
        return handlers_receivables.receivables_aging(actor, as_of, company_id, self.uow)

    @expose
    def run_dunning(self, actor, run, limit):
        return handlers_receivables.run_dunning(actor, run, limit, self.uow)

    @expose
    def list_dunning_notices(self, actor, order_no, limit):
        return handlers_receivables.list_dunning_notices(actor, order_no, limit, self.uow)

    def _check_feasibility(self, query: dict) -> dict:
        """planning.check_feasibility (PLN-2), bounded: nameko's proxy has no timeout of its
        own and would wait forever for a planning that is down."""
        timeout = float(self.config.get("PLANNING_RPC_TIMEOUT_S", DEFAULT_PLANNING_TIMEOUT_S))
        try:
            with eventlet.Timeout(timeout, RpcTimeout(f"no reply within {timeout:g}s")):
                return self.planning.check_feasibility(query)
        except (RpcTimeout, UnknownService) as exc:
            raise handlers.PlanningUnavailable(str(exc)) from None
        except RemoteError as exc:
            if exc.exc_type in PLANNING_REFUSALS:  # planning's own answer: say it as it is
                raise handlers.PlanningRefused(str(exc.value)) from None
            raise handlers.PlanningUnavailable(f"{exc.exc_type}: {exc.value}") from None

    # -- customer change notices (SAL-8, PLN-15) -------------------------------------------------
    @expose
    def record_change(self, actor, order_no, change):
        return change_notices.record_change(actor, order_no, change, self.uow)

    @expose
    def classify_change(self, actor, change_no, classification):
        return change_notices.classify_change(actor, change_no, classification, self.uow)

    @expose
    def rereview_change(self, actor, change_no):
        return change_notices.rereview_change(actor, change_no, self.uow,
                                              self._check_feasibility)

    @expose
    def agree_change_date(self, actor, change_no, agreement):
        return change_notices.agree_change_date(actor, change_no, agreement, self.uow)

    @expose
    def review_change_design(self, actor, change_no, review):
        return change_notices.review_change_design(actor, change_no, review, self.uow)

    @expose
    def sign_supplementary_contract(self, actor, change_no, contract):
        return change_notices.sign_supplementary_contract(actor, change_no, contract, self.uow)

    @expose
    def get_change(self, actor, change_no):
        return change_notices.get_change(actor, change_no, self.uow)

    @expose
    def list_changes(self, actor, order_no, limit):
        return change_notices.list_changes(actor, order_no, limit, self.uow)

    @expose
    def list_order_revisions(self, actor, order_no, limit):
        return change_notices.list_order_revisions(actor, order_no, limit, self.uow)

    # -- order follow-up (SAL-9) and the forecast (SAL-11) ----------------------------------------
    @expose
    def list_follow_ups(self, actor, on, limit):
        return follow_up.list_follow_ups(actor, on, limit, self.uow)

    @expose
    def record_follow_up(self, actor, order_no, check):
        return follow_up.record_follow_up(actor, order_no, check, self.uow)

    @expose
    def issue_urge_note(self, actor, order_no, urge):
        return follow_up.issue_urge_note(actor, order_no, urge, self.uow)

    @expose
    def agree_delivery_date(self, actor, order_no, agreement):
        return delivery_dates.agree_delivery_date(actor, order_no, agreement, self.uow)

    @event_handler("planning.forecast_updated")
    def on_forecast_updated(self, event: EventEnvelope, payload: ForecastUpdated):
        follow_up.forecast_updated(event, payload, self.uow)

    @event_handler("planning.change_answered")
    def on_planning_change_answered(self, event: EventEnvelope, payload: ChangeAnswered):
        change_notices.change_answered(event, payload, self.uow)

    @event_handler("procurement.change_answered")
    def on_procurement_change_answered(self, event: EventEnvelope, payload: ChangeAnswered):
        change_notices.change_answered(event, payload, self.uow)

    @event_handler("quality.change_answered")
    def on_quality_change_answered(self, event: EventEnvelope, payload: ChangeAnswered):
        change_notices.change_answered(event, payload, self.uow)

    # -- what other departments report --------------------------------------------------------
    @event_handler("planning.design_reviewed")
    def on_design_reviewed(self, event: EventEnvelope, payload: planning_events.DesignReviewed):
        inbound.design_reviewed(event, payload, self.uow)

    @event_handler("planning.order_planned")
    def on_order_planned(self, event: EventEnvelope, payload: planning_events.OrderPlanned):
        inbound.order_planned(event, payload, self.uow)

    @event_handler("planning.completion_forecast_changed")
    def on_completion_forecast_changed(self, event,
                                       payload: planning_events.CompletionForecastChanged):
        follow_up.forecast_updated(event, payload, self.uow)  # SAL-11, as above

    @event_handler("planning.rush_approved")
    def on_rush_approved(self, event: EventEnvelope, payload: planning_events.RushApproved):
        inbound.rush_approved(event, payload, self.uow)

    @event_handler("planning.order_redated")
    def on_order_redated(self, event: EventEnvelope, payload: planning_events.OrderRedated):
        inbound.order_redated(event, payload, self.uow)

    @event_handler("planning.production_completed")
    def on_production_completed(self, event, payload: planning_events.ProductionCompleted):
        inbound.production_completed(event, payload, self.uow)
        follow_up.production_completed(event, payload, self.uow)  # SAL-9: urge notes met

    @event_handler("logistics.finished_goods_stocked")
    def on_finished_goods_stocked(self, event, payload: logistics.FinishedGoodsStocked):
        inbound.finished_goods_stocked(event, payload, self.uow)

    @event_handler("logistics.shipment_dispatched")
    def on_shipment_dispatched(self, event, payload: logistics.ShipmentDispatched):
        inbound.shipment_dispatched(event, payload, self.uow)

    @event_handler("logistics.shipment_delivered")
    def on_shipment_delivered(self, event, payload: logistics.ShipmentDelivered):
        inbound.shipment_delivered(event, payload, self.uow)

    @event_handler("logistics.shipment_delayed")
    def on_shipment_delayed(self, event, payload: logistics.ShipmentDelayed):
        inbound.shipment_delayed(event, payload, self.uow)

    @event_handler("aftersales.service_requested")
    def on_service_requested(self, event, payload: aftersales.ServiceRequested):
        inbound.service_requested(event, payload, self.uow)

    @event_handler("aftersales.service_resolved")
    def on_service_resolved(self, event, payload: aftersales.ServiceResolved):
        inbound.service_resolved(event, payload, self.uow)


def _deadline_breached_handler(event_type: str):
    """One nameko entrypoint per `<svc>.deadline_breached` (a consumer queue each)."""

    @event_handler(event_type)
    def handler(self, event, payload):
        inbound.deadline_breached(event, payload, self.uow)

    handler.__name__ = f"on_{event_type.replace('.', '_')}"
    handler.__qualname__ = f"SalesService.{handler.__name__}"
    handler.__doc__ = f"X-1/X-2: record {event_type} on the order's journey."
    return handler


# Every service's breaches land on the order's journey (SAL-11):
# on_sales_deadline_breached, on_planning_deadline_breached, ...
for _producer in SERVICES:
    _handler = _deadline_breached_handler(f"{_producer}.deadline_breached")
    setattr(SalesService, _handler.__name__, _handler)
