from sales.adapters.change_notices import SqlChangeNotices, SqlOrderRevisions
from sales.adapters.follow_ups import SqlFollowUps
from sales.adapters.installations import SqlInstallationProjects
from sales.adapters.masterdata import SqlSalesMasterData
from sales.adapters.receivables_repository import (
    DunningNoticeRepository,
    InvoiceRepository,
    PaymentTermRepository,
)
from sales.adapters.repository import SqlOrderRepository, SqlReferenceRepository
from sales.adapters.shipping_repository import ShippingInstructionRepository
from servicekit.uow import UnitOfWork


class SalesUnitOfWork(UnitOfWork):
    def _open(self, session):
        self.orders = SqlOrderRepository(session)
        self.reference = SqlReferenceRepository(session)
        self.master_data = SqlSalesMasterData(session)  # issue 17: kept through the gateway
        self.changes = SqlChangeNotices(session)  # SAL-8
        self.revisions = SqlOrderRevisions(session)
        self.follow_ups = SqlFollowUps(session)  # SAL-9
        self.shipping_instructions = ShippingInstructionRepository(session)
        self.invoices = InvoiceRepository(session)
        self.payment_terms = PaymentTermRepository(session)
        self.dunning_notices = DunningNoticeRepository(session)
        self.installations = SqlInstallationProjects(session)  # AFS-3
