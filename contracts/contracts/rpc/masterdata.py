"""What every service's master data shares on the wire (issue 17): a change of a record
as the audit keeps it, a search's page, an import's report.

Kinds of record are each owner's (sales_masterdata, planning_masterdata, ...); a record
is retired, never deleted, when history references it.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

from pydantic import BaseModel, Field

from contracts.rpc.bounds import NO_NUL

# What a search of master data looks for: part of a code or a name.
Search = Annotated[str, Field(max_length=64, pattern=NO_NUL)]
Offset = Annotated[int, Field(ge=0, le=1_000_000)]
# Rows of one import (one workbook sheet): bounded, so one import is one transaction.
MAX_IMPORT_ROWS = 5000
Name = Annotated[str, Field(min_length=1, max_length=200, pattern=r"^[^\x00]+$")]
Text = Annotated[str, Field(max_length=300, pattern=NO_NUL)]


class MasterDataChange(BaseModel):
    """One change of one record: who, when, what it was before and after."""

    kind: str
    key: str = Field(description="the record's key, its parts joined by '/'")
    action: str = Field(description="created | changed | retired | imported")
    actor: str
    at: datetime
    before: dict[str, Any] | None = None
    after: dict[str, Any] | None = None


class ImportReport(BaseModel):
    """What an import applied, in one transaction: every row or none."""

    kind: str
    rows: int
    created: int
    changed: int
