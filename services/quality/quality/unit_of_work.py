from servicekit.uow import UnitOfWork


class QualityUnitOfWork(UnitOfWork):
    def _open(self, session):
        pass
