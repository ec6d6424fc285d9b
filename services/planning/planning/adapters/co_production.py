"""Co-produced parts and co-production instructions in and out of planning's database
(CO-1, PLN-12; migration 0011). Drawings are kept as one text, a reference per line."""

from __future__ import annotations

from functools import lru_cache

from sqlalchemy import (
    Column,
    Date,
    Integer,
    Numeric,
    String,
    Table,
    Text,
    bindparam,
    delete,
    insert,
    or_,
    select,
)

from planning.adapters.tables import metadata
from planning.domain.co_production import CoProducedPart, CoProductionInstruction
from servicekit.repository import Repository, TableRepository
from servicekit.tables import UtcDateTime

co_produced_parts = Table(
    "planning_co_produced_part", metadata,
    Column("material_code", String(64), primary_key=True),
    Column("maker_company_id", String(32), nullable=False),
    Column("lead_days", Integer, nullable=False),
    Column("unit_price", Numeric(15, 2), nullable=False),
    Column("currency", String(3), nullable=False),
    Column("drawings", Text, nullable=False),
)

co_production_instructions = Table(
    "planning_co_production", metadata,
    Column("instruction_no", String(64), primary_key=True),
    Column("requester_company_id", String(32), nullable=False, index=True),
    Column("requester_order_no", String(64), nullable=False, index=True),
    Column("request_no", String(64), nullable=False),
    Column("maker_company_id", String(32), nullable=False, index=True),
    Column("material_code", String(64), nullable=False),
    Column("quantity", Numeric(15, 3), nullable=False),
    Column("needed_by", Date, nullable=False),
    Column("unit_price", Numeric(15, 2), nullable=False),
    Column("currency", String(3), nullable=False),
    Column("delivery_place", String(200), nullable=False),
    Column("issued_at", UtcDateTime(), nullable=False),
    Column("drawings", Text, nullable=False),
    Column("status", String(12), nullable=False),
    Column("delivered_at", UtcDateTime(), nullable=True),
    Column("shipment_no", String(64), nullable=True),
    Column("received_by", String(200), nullable=True),
)


def _lines(drawings) -> str:
    return "\n".join(drawings)


def _split(text: str) -> list[str]:
    return [line for line in text.split("\n") if line]


class SqlCoProducedParts(Repository):
    def all(self) -> dict[str, CoProducedPart]:
        return {row.material_code: CoProducedPart(
            row.material_code, row.maker_company_id, row.lead_days, row.unit_price,
            row.currency, tuple(_split(row.drawings)))
            for row in self.session.execute(select(co_produced_parts))}

    def put(self, part: CoProducedPart) -> None:
        self.session.execute(delete(co_produced_parts).where(
            co_produced_parts.c.material_code == part.material_code))
        self.session.execute(insert(co_produced_parts).values(
            material_code=part.material_code, maker_company_id=part.maker_company_id,
            lead_days=part.lead_days, unit_price=part.unit_price, currency=part.currency,
            drawings=_lines(part.drawings)))


class SqlCoProductionInstructions(TableRepository):
    table, key, record = co_production_instructions, "instruction_no", CoProductionInstruction

    @staticmethod
    def _row(record: CoProductionInstruction) -> dict:
        return {**record.__dict__, "drawings": _lines(record.drawings)}

    def _record(self, row) -> CoProductionInstruction:
        return CoProductionInstruction(**{**row._mapping, "drawings": _split(row.drawings)})

    def for_order(self, order_no: str) -> list[CoProductionInstruction]:
        """The instructions a requester's order raised, oldest first."""
        return self._where("requester_order_no", order_no, "issued_at", "instruction_no")

    def list(self, companies: list[str] | None, order_no: str | None, limit: int
             ) -> list[CoProductionInstruction]:
        """Newest first: those the companies raised or make; by requester order or number."""
        values = {"limit": limit}
        if companies is not None:
            values["companies"] = list(companies)
        if order_no:
            values["order_no"] = order_no
        query = _listing(companies is not None, bool(order_no))
        return [self._record(row) for row in self.session.execute(query, values)]


@lru_cache(maxsize=4)
def _listing(scoped: bool, by_order: bool):
    """The list's statement, built once per shape (issue 16: the journey view asks it of
    every order, and building it cost more than running it)."""
    table = co_production_instructions
    query = select(table)
    if scoped:
        companies = bindparam("companies", expanding=True)
        query = query.where(or_(table.c.requester_company_id.in_(companies),
                                table.c.maker_company_id.in_(companies)))
    if by_order:
        order_no = bindparam("order_no")
        query = query.where(or_(table.c.requester_order_no == order_no,
                                table.c.instruction_no == order_no))
    return (query.order_by(table.c.issued_at.desc(), table.c.instruction_no.desc())
            .limit(bindparam("limit")))
