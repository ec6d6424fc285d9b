from quality.adapters import repository
from quality.domain.inspection import number
from servicekit.uow import UnitOfWork


class QualityUnitOfWork(UnitOfWork):
    def _open(self, session):
        self.lots = repository.SqlLotRepository(session)
        self.final_inspections = repository.SqlFinalInspectionRepository(session)
        self.nonconformances = repository.SqlNonconformanceRepository(session)

    def next_number(self, prefix: str, company_id: str) -> str:
        """The next business number of a kind for a company (X-4), e.g. FI-P1-000001."""
        return number(prefix, company_id, repository.next_sequence(self.session, prefix,
                                                                    company_id))
