from planning.adapters.master_data import SqlMasterDataRepository
from planning.adapters.repository import SqlDemandRepository, SqlPlanRepository, SqlSequences
from servicekit.uow import UnitOfWork


class PlanningUnitOfWork(UnitOfWork):
    def _open(self, session):
        self.demands = SqlDemandRepository(session)
        self.plans = SqlPlanRepository(session)
        self.master_data = SqlMasterDataRepository(session)
        self.sequences = SqlSequences(session)
