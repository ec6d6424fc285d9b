"""Remedies in and out of after-sales' database (AFS-4)."""

from __future__ import annotations

from aftersales.adapters.tables import remedies
from aftersales.domain.remedies import Remedy
from servicekit.repository import TableRepository


class SqlRemedyRepository(TableRepository):
    table, key, record = remedies, "request_no", Remedy
