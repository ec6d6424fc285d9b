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
from contracts.rpc.sales import API
from sales import demo, handlers, inbound
from sales.adapters.tables import metadata
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


class SalesService(ServiceBase):
    name = "sales"
    uow = UnitOfWorkProvider(SalesUnitOfWork, metadata, MIGRATIONS, seed=demo.seed)
    planning = RpcProxy("planning")
    config = Config()

    # -- reads -----------------------------------------------------------------------
    @expose
    def get_order(self, actor, order_no):
        return handlers.get_order(actor, order_no, self.uow)

    @expose
    def list_orders(self, actor, status, limit):
        return handlers.list_orders(actor, status, limit, self.uow)

    @expose
    def list_customers(self, actor):
        return handlers.list_customers(actor, self.uow)

    @expose
    def journey(self, actor, order_no):
        return handlers.journey(actor, order_no, self.uow)

    # -- intake and review (SAL-1..4, ORD-1..3) ----------------------------------------------
    @expose
    def receive_order(self, actor, order):
        return handlers.receive_order(actor, order, self.uow)

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
    def issue_production_instruction(self, actor, order_no):
        return handlers.issue_production_instruction(actor, order_no, self.uow)

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

    # -- what other departments report --------------------------------------------------------
    @event_handler("planning.design_reviewed")
    def on_design_reviewed(self, event: EventEnvelope, payload: planning_events.DesignReviewed):
        inbound.design_reviewed(event, payload, self.uow)

    @event_handler("planning.order_planned")
    def on_order_planned(self, event: EventEnvelope, payload: planning_events.OrderPlanned):
        inbound.order_planned(event, payload, self.uow)

    @event_handler("planning.production_completed")
    def on_production_completed(self, event, payload: planning_events.ProductionCompleted):
        inbound.production_completed(event, payload, self.uow)

    @event_handler("logistics.finished_goods_stocked")
    def on_finished_goods_stocked(self, event, payload: logistics.FinishedGoodsStocked):
        inbound.finished_goods_stocked(event, payload, self.uow)

    @event_handler("logistics.shipment_dispatched")
    def on_shipment_dispatched(self, event, payload: logistics.ShipmentDispatched):
        inbound.shipment_dispatched(event, payload, self.uow)

    @event_handler("logistics.shipment_delivered")
    def on_shipment_delivered(self, event, payload: logistics.ShipmentDelivered):
        inbound.shipment_delivered(event, payload, self.uow)

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
