"""The logistics service: thin nameko entrypoints over logistics's use cases."""

from pathlib import Path

from servicekit.runtime import UnitOfWorkProvider
from servicekit.service import ServiceBase

from logistics.adapters.tables import metadata
from logistics.unit_of_work import LogisticsUnitOfWork

MIGRATIONS = Path(__file__).parent / "migrations"


class LogisticsService(ServiceBase):
    name = "logistics"
    uow = UnitOfWorkProvider(LogisticsUnitOfWork, metadata, MIGRATIONS)
