"""The aftersales service: thin nameko entrypoints over aftersales's use cases."""

from pathlib import Path

from servicekit.runtime import UnitOfWorkProvider
from servicekit.service import ServiceBase

from aftersales.adapters.tables import metadata
from aftersales.unit_of_work import AftersalesUnitOfWork

MIGRATIONS = Path(__file__).parent / "migrations"


class AftersalesService(ServiceBase):
    name = "aftersales"
    uow = UnitOfWorkProvider(AftersalesUnitOfWork, metadata, MIGRATIONS)
