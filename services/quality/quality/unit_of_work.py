from quality.adapters import repository
from servicekit.uow import UnitOfWork


class QualityUnitOfWork(UnitOfWork):
    def _open(self, session):
        self.lots = repository.SqlLotRepository(session)
        self.final_inspections = repository.SqlFinalInspectionRepository(session)
        self.nonconformances = repository.SqlNonconformanceRepository(session)
