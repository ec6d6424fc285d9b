from servicekit.uow import UnitOfWork


class LogisticsUnitOfWork(UnitOfWork):
    def _open(self, session):
        pass
