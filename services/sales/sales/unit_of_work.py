from servicekit.uow import UnitOfWork

from sales.adapters.repository import SqlOrderRepository


class SalesUnitOfWork(UnitOfWork):
    def _open(self, session):
        self.orders = SqlOrderRepository(session)
