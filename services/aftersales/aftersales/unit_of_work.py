from aftersales.adapters.repository import SqlDeliveryRepository, SqlRequestRepository
from servicekit.uow import UnitOfWork


class AftersalesUnitOfWork(UnitOfWork):
    def _open(self, session):
        self.deliveries = SqlDeliveryRepository(session)
        self.requests = SqlRequestRepository(session)
