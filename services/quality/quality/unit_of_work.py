from quality.adapters import repository
from quality.adapters.change_parts import SqlChangeParts
from quality.adapters.criteria import SqlOrderCriteria
from quality.adapters.tasks import SqlInspectionTaskRepository
from servicekit.uow import UnitOfWork


class QualityUnitOfWork(UnitOfWork):
    def _open(self, session):
        self.lots = repository.SqlLotRepository(session)
        self.final_inspections = repository.SqlFinalInspectionRepository(session)
        self.nonconformances = repository.SqlNonconformanceRepository(session)
        self.change_parts = SqlChangeParts(session)  # SAL-8
        self.criteria = SqlOrderCriteria(session)
        self.findings = repository.SqlFindingRepository(session)
        self.inspection_tasks = SqlInspectionTaskRepository(session)
