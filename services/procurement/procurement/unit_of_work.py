from servicekit.uow import UnitOfWork


class ProcurementUnitOfWork(UnitOfWork):
    def _open(self, session):
        pass
