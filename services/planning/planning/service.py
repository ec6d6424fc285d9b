"""The planning service: thin nameko entrypoints over planning's use cases."""

from pathlib import Path

from contracts.envelope import EventEnvelope
from contracts.errors import EXPECTED_ERRORS
from contracts.events.sales import OrderReceived
from nameko.rpc import rpc
from servicekit.events import event_handler
from servicekit.rpcs import reply
from servicekit.runtime import UnitOfWorkProvider
from servicekit.service import ServiceBase

from planning import handlers
from planning.adapters.tables import metadata
from planning.unit_of_work import PlanningUnitOfWork

MIGRATIONS = Path(__file__).parent / "migrations"


class PlanningService(ServiceBase):
    name = "planning"
    uow = UnitOfWorkProvider(PlanningUnitOfWork, metadata, MIGRATIONS)

    @event_handler("sales.order_received")
    def on_order_received(self, event: EventEnvelope, payload: OrderReceived):
        handlers.record_demand(payload, event.company_id, self.uow)

    @rpc(expected_exceptions=EXPECTED_ERRORS)
    def get_demand(self, order_no: str):
        return reply(handlers.get_demand(order_no, self.uow))
