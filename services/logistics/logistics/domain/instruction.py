"""Logistics' copy of sales' shipping instruction (发货通知单, LOG-2): shipping works from it.

Contract & order management issues it only after the contract and the payment due before
shipment are checked; the store picks (LOG-3) and shipping books the carrier (LOG-4)
against it. The payment gate stays at dispatch too (payment.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from logistics.domain.errors import ShippingRefused
from logistics.domain.lines import GoodsLine


@dataclass(frozen=True)
class InstructionCopy:
    instruction_no: str
    order_no: str
    company_id: str
    contract_no: str
    customer_code: str
    ship_at: datetime
    arrival_at: datetime
    arrival_place: str
    issued_by: str
    issued_at: datetime
    lines: tuple[GoodsLine, ...]


def require_instruction(order_no: str,
                        instructions: list[InstructionCopy]) -> InstructionCopy:
    """Rule LOG-2: no shipment is prepared without contract & order management's
    instruction; the latest one counts."""
    if not instructions:
        raise ShippingRefused(
            f"no shipping instruction for order {order_no}: contract & order management "
            "issues it once the contract and the payment due before shipment are checked "
            "(LOG-2)", {"order_no": order_no, "rule": "LOG-2"})
    return max(instructions, key=lambda each: (each.issued_at, each.instruction_no))
