from procurement.adapters.repository import (
    SqlMasterData,
    SqlPurchaseOrders,
    SqlRequests,
    SqlStock,
)
from servicekit.uow import UnitOfWork


class ProcurementUnitOfWork(UnitOfWork):
    def _open(self, session):
        self.master = SqlMasterData(session)
        self.stock = SqlStock(session)
        self.requests = SqlRequests(session)
        self.purchase_orders = SqlPurchaseOrders(session)
