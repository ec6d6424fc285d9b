"""Events of co-production between subsidiaries (CO-1, PLN-12)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from pydantic import AwareDatetime, Field

from contracts.envelope import Payload


class CoProductionInstructed(Payload):
    """A product company's plan needs a part a sister makes: the co-production instruction
    (协作指令) with its drawings goes to the maker (CO-1). The envelope carries the maker's
    company and the instruction no. (the maker's own order of work); the maker's planning
    plans its operations and purchases from it, its shipping delivers to `delivery_place`."""

    instruction_no: str
    requester_company_id: str
    requester_order_no: str
    request_no: str
    maker_company_id: str
    product_code: str = Field(description="the maker's product that makes the part")
    quantity: Decimal = Field(gt=0)
    needed_by: date
    drawings: list[str] = Field(default_factory=list)
    unit_price: Decimal = Field(ge=0, description="inter-company price per unit")
    currency: str = "CNY"
    delivery_place: str
    issued_by: str
    issued_at: AwareDatetime
