"""The procurement service: thin nameko entrypoints over procurement's use cases."""

from pathlib import Path

from servicekit.runtime import UnitOfWorkProvider
from servicekit.service import ServiceBase

from procurement.adapters.tables import metadata
from procurement.unit_of_work import ProcurementUnitOfWork

MIGRATIONS = Path(__file__).parent / "migrations"


class ProcurementService(ServiceBase):
    name = "procurement"
    uow = UnitOfWorkProvider(ProcurementUnitOfWork, metadata, MIGRATIONS)
