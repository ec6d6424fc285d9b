from procurement.adapters.change_parts import SqlChangeParts
from procurement.adapters.masterdata import SqlProcurementMasterData
from procurement.adapters.repository import (
    SqlMasterData,
    SqlPurchaseOrders,
    SqlRequests,
    SqlShortages,
    SqlStock,
    SqlSupplierFollowUps,
    SqlTransfers,
)
from servicekit.uow import UnitOfWork


class ProcurementUnitOfWork(UnitOfWork):
    def _open(self, session):
        self.master = SqlMasterData(session)
        self.master_data = SqlProcurementMasterData(session)  # issue 17: kept via the gateway
        self.stock = SqlStock(session)
        self.requests = SqlRequests(session)
        self.purchase_orders = SqlPurchaseOrders(session)
        self.follow_ups = SqlSupplierFollowUps(session)
        self.change_parts = SqlChangeParts(session)  # SAL-8
        self.shortages = SqlShortages(session)  # PRC-6
        self.transfers = SqlTransfers(session)  # PRC-3
