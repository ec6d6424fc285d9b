from servicekit.uow import UnitOfWork


class AftersalesUnitOfWork(UnitOfWork):
    def _open(self, session):
        pass
