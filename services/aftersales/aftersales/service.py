"""The aftersales service: thin nameko entrypoints over aftersales's use cases."""

from pathlib import Path

from nameko.rpc import rpc

from aftersales import handlers
from aftersales.adapters.tables import metadata
from aftersales.unit_of_work import AftersalesUnitOfWork
from contracts.envelope import EventEnvelope
from contracts.errors import EXPECTED_ERRORS
from contracts.events.logistics import ShipmentDelivered
from contracts.rpc.aftersales import ContactCreate, ResolutionCreate, ServiceRequestCreate
from contracts.rpc.common import Actor
from servicekit.events import event_handler
from servicekit.rpcs import parse, reply
from servicekit.runtime import UnitOfWorkProvider
from servicekit.service import ServiceBase

MIGRATIONS = Path(__file__).parent / "migrations"


class AftersalesService(ServiceBase):
    name = "aftersales"
    # No seed: demo/group.json has no aftersales section.
    uow = UnitOfWorkProvider(AftersalesUnitOfWork, metadata, MIGRATIONS)

    @event_handler("logistics.shipment_delivered")
    def on_shipment_delivered(self, event: EventEnvelope, payload: ShipmentDelivered):
        handlers.record_delivery(payload, event.company_id, self.uow)

    @rpc(expected_exceptions=EXPECTED_ERRORS)
    def open_request(self, actor, request):
        return reply(handlers.open_request(parse(Actor, actor),
                                           parse(ServiceRequestCreate, request), self.uow))

    @rpc(expected_exceptions=EXPECTED_ERRORS)
    def forward_request(self, actor, request_no):
        return reply(handlers.forward_request(parse(Actor, actor), request_no, self.uow))

    @rpc(expected_exceptions=EXPECTED_ERRORS)
    def record_contact(self, actor, request_no, contact):
        return reply(handlers.record_contact(parse(Actor, actor), request_no,
                                             parse(ContactCreate, contact), self.uow))

    @rpc(expected_exceptions=EXPECTED_ERRORS)
    def resolve_request(self, actor, request_no, resolution):
        return reply(handlers.resolve_request(parse(Actor, actor), request_no,
                                              parse(ResolutionCreate, resolution), self.uow))

    @rpc(expected_exceptions=EXPECTED_ERRORS)
    def list_requests(self, actor, order_no=None, status=None):
        return reply(handlers.list_requests(parse(Actor, actor), order_no, status, self.uow))

    @rpc(expected_exceptions=EXPECTED_ERRORS)
    def journey(self, actor, order_no):
        return reply(handlers.journey(parse(Actor, actor), order_no, self.uow))
