"""A material request from planning (PLN-4) as procurement tracks it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

# Status of a request: covered (by stock/transfer, or a PO accepted into store),
# ordered (a PO is open), unsourced (no approved supplier offers the material: PRC-2).
COVERED = "covered"
ORDERED = "ordered"
UNSOURCED = "unsourced"


@dataclass
class MaterialRequest:
    request_no: str
    company_id: str
    order_no: str
    material_code: str
    quantity: Decimal
    needed_by: date
    requested_at: datetime
    status: str = ORDERED
    source: str | None = None          # stock | transfer | purchase
    from_company: str | None = None    # where stock came from (PRC-3)
    po_no: str | None = None
    covered_at: datetime | None = None

    def covered(self, source: str, at: datetime, from_company: str | None = None) -> None:
        self.status, self.source, self.covered_at = COVERED, source, at
        self.from_company = from_company
