"""A material request from planning (PLN-4) as procurement tracks it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

# Status of a request: covered (every part of it in the requester's store: own stock,
# transfers received, a PO accepted into store), ordered (a PO is open), transferring
# (waiting only for transfers from sisters, PRC-3), unsourced (the rest has no approved
# supplier: PRC-2).
COVERED = "covered"
ORDERED = "ordered"
TRANSFERRING = "transferring"
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
    source: str | None = None          # stock | transfer | purchase: the slowest part
    from_company: str | None = None    # before transfer documents (0007): where it came from
    po_no: str | None = None
    covered_at: datetime | None = None
    own_quantity: Decimal = Decimal(0)  # reserved in the requester's own store (PRC-1)

    def covered(self, source: str, at: datetime, from_company: str | None = None) -> None:
        self.status, self.source, self.covered_at = COVERED, source, at
        self.from_company = from_company


def slowest_source(*, transfers: bool, purchase: bool) -> str:
    """What a request covered in parts reports to planning: the last way its parts came
    (a purchase, else a transfer, else own stock)."""
    return "purchase" if purchase else "transfer" if transfers else "stock"
