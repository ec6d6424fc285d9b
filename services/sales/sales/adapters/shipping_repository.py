"""Shipping instructions in and out of sales' database (LOG-2)."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import select

from sales.adapters.tables import shipping_instructions
from sales.domain.shipping_instruction import InstructedLine, ShippingInstruction
from servicekit.repository import TableRepository


class ShippingInstructionRepository(TableRepository):
    table, key, record = shipping_instructions, "instruction_no", ShippingInstruction

    def for_order(self, order_no: str, limit: int | None = None) -> list[ShippingInstruction]:
        query = (select(self.table).where(self.table.c.order_no == order_no)
                 .order_by(self.table.c.issued_at.desc(), self.table.c.instruction_no.desc())
                 .limit(limit))
        return [self._record(row) for row in self.session.execute(query).all()]

    @staticmethod
    def _row(instruction: ShippingInstruction) -> dict:
        row = dict(instruction.__dict__)
        row["lines"] = [{"product_code": line.product_code, "quantity": str(line.quantity)}
                        for line in instruction.lines]
        return row

    def _record(self, row) -> ShippingInstruction:
        values = dict(row._mapping)
        values["lines"] = tuple(InstructedLine(line["product_code"], Decimal(line["quantity"]))
                                for line in row.lines)
        return ShippingInstruction(**values)
