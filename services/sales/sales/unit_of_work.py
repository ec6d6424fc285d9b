from servicekit.uow import UnitOfWork

from sales.adapters.repository import SqlOrderRepository, SqlReferenceRepository


class SalesUnitOfWork(UnitOfWork):
    def _open(self, session):
        self.orders = SqlOrderRepository(session)
        self.reference = SqlReferenceRepository(session)
