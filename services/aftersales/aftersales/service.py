"""The aftersales service: thin nameko entrypoints over after-sales' use cases.

Its RPC methods are the table in contracts/rpc/aftersales.py (`API`).
"""

from __future__ import annotations

from pathlib import Path

from aftersales import handlers, inbound
from aftersales.adapters.tables import metadata
from aftersales.unit_of_work import AftersalesUnitOfWork
from contracts.envelope import EventEnvelope
from contracts.events.logistics import ShipmentDelivered
from contracts.rpc.aftersales import API
from servicekit.events import event_handler
from servicekit.rpcs import exposes
from servicekit.runtime import UnitOfWorkProvider
from servicekit.service import ServiceBase

MIGRATIONS = Path(__file__).parent / "migrations"

expose = exposes(API)


class AftersalesService(ServiceBase):
    name = "aftersales"
    # No seed: demo/group.json has no aftersales section.
    uow = UnitOfWorkProvider(AftersalesUnitOfWork, metadata, MIGRATIONS)

    # -- reads -------------------------------------------------------------------------
    @expose
    def list_requests(self, actor, order_no, status, limit):
        return handlers.list_requests(actor, order_no, status, limit, self.uow)

    @expose
    def journey(self, actor, order_no):
        return handlers.journey(actor, order_no, self.uow)

    # -- a request from recording to remedy (AFS-1, AFS-2, AFS-4) ------------------------
    @expose
    def open_request(self, actor, request):
        return handlers.open_request(actor, request, self.uow)

    @expose
    def forward_request(self, actor, request_no):
        return handlers.forward_request(actor, request_no, self.uow)

    @expose
    def record_contact(self, actor, request_no, contact):
        return handlers.record_contact(actor, request_no, contact, self.uow)

    @expose
    def resolve_request(self, actor, request_no, resolution):
        return handlers.resolve_request(actor, request_no, resolution, self.uow)

    # -- what other departments report --------------------------------------------------
    @event_handler("logistics.shipment_delivered")
    def on_shipment_delivered(self, event: EventEnvelope, payload: ShipmentDelivered):
        inbound.shipment_delivered(event, payload, self.uow)
