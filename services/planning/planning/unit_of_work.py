from planning.adapters.master_data import SqlMasterDataRepository
from planning.adapters.repository import SqlDemandRepository, SqlPlanRepository
from servicekit.uow import UnitOfWork


class PlanningUnitOfWork(UnitOfWork):
    def _open(self, session):
        self.demands = SqlDemandRepository(session)
        self.plans = SqlPlanRepository(session)
        self.master_data = SqlMasterDataRepository(session)
