from logistics.adapters.repository import (
    CarrierRepository,
    FinishedGoodsRepository,
    OrderCopyRepository,
    PaymentRepository,
    ShipmentRepository,
)
from servicekit.uow import UnitOfWork


class LogisticsUnitOfWork(UnitOfWork):
    def _open(self, session):
        self.carriers = CarrierRepository(session)
        self.orders = OrderCopyRepository(session)
        self.payments = PaymentRepository(session)
        self.finished_goods = FinishedGoodsRepository(session)
        self.shipments = ShipmentRepository(session)
