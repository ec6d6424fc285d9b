"""Co-production between subsidiaries (协作, CO-1, PLN-12): pure.

Master data says which parts a sister company makes (`CoProducedPart`: the maker, its lead
time, the inter-company price and the drawings). When a product company's plan needs such a
part, planning issues a co-production instruction (协作指令) to the maker instead of asking
procurement; the maker plans its own operations and purchases from it on its own work
centres, and the part is complete only when delivered, plated or coated, into the
requester's store (PLN-12). The requester's work orders needing it wait until then.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

PREFIX = "CI"  # CI-<requester>-<seq>: the instruction's business no.

ISSUED, PLANNED, DELIVERED = "issued", "planned", "delivered"
SOURCE = "co_production"  # how the requester's material request was covered


@dataclass(frozen=True)
class CoProducedPart:
    """A part a sister makes for the group (master data)."""

    material_code: str
    maker_company_id: str
    lead_days: int  # working days from instruction to delivery into the requester's store
    unit_price: Decimal  # inter-company price
    currency: str = "CNY"
    drawings: tuple[str, ...] = ()


@dataclass
class CoProductionInstruction:
    instruction_no: str
    requester_company_id: str
    requester_order_no: str
    request_no: str
    maker_company_id: str
    material_code: str
    quantity: Decimal
    needed_by: date
    unit_price: Decimal
    currency: str
    delivery_place: str
    issued_at: datetime
    drawings: list[str] = field(default_factory=list)
    status: str = ISSUED
    delivered_at: datetime | None = None
    shipment_no: str | None = None
    received_by: str | None = None

    def delivered(self, shipment_no: str, received_by: str, at: datetime) -> bool:
        """Into the requester's store (PLN-12); False if it already was."""
        if self.status == DELIVERED:
            return False
        self.status, self.delivered_at = DELIVERED, at
        self.shipment_no, self.received_by = shipment_no, received_by
        return True


def deadline_subject(instruction_no: str) -> str:
    return f"co-production {instruction_no}"


def delivery_place(requester_company_id: str) -> str:
    return f"{requester_company_id} store"
