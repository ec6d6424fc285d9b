from aftersales.adapters.installations import SqlInstallationRepository
from aftersales.adapters.remedies import SqlRemedyRepository
from aftersales.adapters.repository import SqlDeliveryRepository, SqlRequestRepository
from aftersales.adapters.surveys import SqlSurveyRepository
from servicekit.uow import UnitOfWork


class AftersalesUnitOfWork(UnitOfWork):
    def _open(self, session):
        self.deliveries = SqlDeliveryRepository(session)
        self.requests = SqlRequestRepository(session)
        self.remedies = SqlRemedyRepository(session)
        self.surveys = SqlSurveyRepository(session)
        self.installations = SqlInstallationRepository(session)  # AFS-3
