from servicekit.uow import UnitOfWork

from planning.adapters.repository import SqlDemandRepository


class PlanningUnitOfWork(UnitOfWork):
    def _open(self, session):
        self.demands = SqlDemandRepository(session)
