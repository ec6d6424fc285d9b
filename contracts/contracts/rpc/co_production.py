"""Co-production instructions (协作指令, CO-1, PLN-12, CO-2). Its methods join planning's
table."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Literal

from pydantic import BaseModel, Field

from contracts.errors import NotFound
from contracts.rpc.api import query
from contracts.rpc.common import BusinessNo, PageLimit

# issued: S1 has it; planned: S1's own plan exists; delivered: in the requester's store
CoProductionStatus = Literal["issued", "planned", "delivered"]


class CoProductionPublic(BaseModel):
    """A co-production instruction as the requester and the maker see it (CO-1)."""

    instruction_no: str
    requester_company_id: str
    requester_order_no: str
    request_no: str = Field(description="the requester's material request it answers (PLN-4)")
    maker_company_id: str
    material_code: str
    quantity: Decimal
    needed_by: date = Field(description="first use in the requester's plan")
    drawings: list[str] = Field(default_factory=list, description="drawing references")
    unit_price: Decimal = Field(description="inter-company price")
    currency: str = "CNY"
    delivery_place: str
    issued_at: datetime
    status: CoProductionStatus
    maker_plan_no: str | None = None
    delivered_at: datetime | None = None
    shipment_no: str | None = None
    received_by: str | None = None


METHODS = [
    query("list_co_production", order_no=(BusinessNo | None, None),
          limit=(PageLimit, 100), reply=list[CoProductionPublic],
          doc="CO-1: co-production instructions the actor's companies raised or make, newest "
              "first; by the requester's order no. or the instruction no."),
    query("get_co_production", instruction_no=BusinessNo, reply=CoProductionPublic,
          refuses=(NotFound,),
          doc="CO-1: one instruction, to its requester and its maker only"),
]
