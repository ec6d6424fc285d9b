"""The quality service: thin nameko entrypoints over quality's use cases."""

from pathlib import Path

from servicekit.runtime import UnitOfWorkProvider
from servicekit.service import ServiceBase

from quality.adapters.tables import metadata
from quality.unit_of_work import QualityUnitOfWork

MIGRATIONS = Path(__file__).parent / "migrations"


class QualityService(ServiceBase):
    name = "quality"
    uow = UnitOfWorkProvider(QualityUnitOfWork, metadata, MIGRATIONS)
