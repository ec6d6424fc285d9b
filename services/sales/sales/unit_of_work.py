from sales.adapters.repository import SqlOrderRepository, SqlReferenceRepository
from servicekit.uow import UnitOfWork


class SalesUnitOfWork(UnitOfWork):
    def _open(self, session):
        self.orders = SqlOrderRepository(session)
        self.reference = SqlReferenceRepository(session)
