"""The sales service: thin nameko entrypoints over sales' use cases."""

from pathlib import Path

from contracts.errors import EXPECTED_ERRORS
from contracts.rpc.sales import OrderCreate
from nameko.rpc import rpc
from servicekit.rpcs import reply, takes
from servicekit.runtime import UnitOfWorkProvider
from servicekit.service import ServiceBase

from sales import handlers
from sales.adapters.tables import metadata
from sales.unit_of_work import SalesUnitOfWork

MIGRATIONS = Path(__file__).parent / "migrations"


class SalesService(ServiceBase):
    name = "sales"
    uow = UnitOfWorkProvider(SalesUnitOfWork, metadata, MIGRATIONS)

    @rpc(expected_exceptions=EXPECTED_ERRORS)
    @takes(OrderCreate)
    def receive_order(self, order: OrderCreate):
        return reply(handlers.receive_order(order, self.uow))

    @rpc(expected_exceptions=EXPECTED_ERRORS)
    def get_order(self, order_no: str):
        return reply(handlers.get_order(order_no, self.uow))
