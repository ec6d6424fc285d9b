"""Sales' installation projects (AFS-3)."""

from __future__ import annotations

from sales.adapters.tables import installation_projects
from sales.domain.installations import InstallationProject
from servicekit.repository import TableRepository


class SqlInstallationProjects(TableRepository):
    table, key, record = installation_projects, "order_no", InstallationProject
