"""Logistics' records in and out of its database."""

from __future__ import annotations

from typing import ClassVar

from sqlalchemy import delete, insert, select, update

from logistics.adapters.tables import (
    carrier_claims,
    carriers,
    dispatch_refusals,
    finished_goods,
    investigations,
    missing_parts,
    order_copies,
    order_copy_lines,
    packaging_notices,
    payments,
    shipments,
    shipping_instructions,
)
from logistics.domain.feedback import CarrierClaim, Investigation
from logistics.domain.instruction import InstructionCopy
from logistics.domain.lines import GoodsLine, line_from_dict
from logistics.domain.missing_parts import MissingParts
from logistics.domain.model import (
    Carrier,
    DispatchRefusal,
    FinishedGoods,
    OrderCopy,
    Shipment,
)
from logistics.domain.packaging import PackagingNotice
from logistics.domain.payment import PaymentStatus
from servicekit.repository import Repository, TableRepository, visible_to


def _lines_out(lines: tuple[GoodsLine, ...]) -> list[dict]:
    return [line.as_dict() for line in lines]


def _lines_in(raw: list[dict]) -> tuple[GoodsLine, ...]:
    return tuple(line_from_dict(item) for item in raw)


class CarrierRepository(Repository):
    def get(self, code: str) -> Carrier | None:
        row = self.session.execute(select(carriers).where(carriers.c.code == code)).first()
        return Carrier(row.code, row.name) if row else None

    def all(self) -> list[Carrier]:
        rows = self.session.execute(select(carriers).order_by(carriers.c.code)).all()
        return [Carrier(row.code, row.name) for row in rows]

    def put(self, carrier: Carrier) -> None:
        if self.get(carrier.code) is None:
            self.session.execute(insert(carriers).values(code=carrier.code, name=carrier.name))
        else:
            self.session.execute(update(carriers).where(carriers.c.code == carrier.code)
                                 .values(name=carrier.name))


class OrderCopyRepository(Repository):
    def get(self, order_no: str) -> OrderCopy | None:
        row = self.session.execute(
            select(order_copies).where(order_copies.c.order_no == order_no)).first()
        if row is None:
            return None
        lines = self.session.execute(
            select(order_copy_lines).where(order_copy_lines.c.order_no == order_no)
            .order_by(order_copy_lines.c.line_no)).all()
        return OrderCopy(
            order_no=row.order_no, company_id=row.company_id, customer_code=row.customer_code,
            customer_name=row.customer_name, delivery_address=row.delivery_address,
            contract_no=row.contract_no, complete_set=row.complete_set,
            received_at=row.received_at,
            lines=tuple(GoodsLine(line.product_code, line.quantity) for line in lines),
        )

    def put(self, order: OrderCopy, line_nos: list[int]) -> None:
        """Insert or replace the copy (sales may re-announce an order)."""
        self.session.execute(delete(order_copy_lines)
                             .where(order_copy_lines.c.order_no == order.order_no))
        self.session.execute(delete(order_copies)
                             .where(order_copies.c.order_no == order.order_no))
        self.session.execute(insert(order_copies).values(
            order_no=order.order_no, company_id=order.company_id,
            customer_code=order.customer_code, customer_name=order.customer_name,
            delivery_address=order.delivery_address, contract_no=order.contract_no,
            complete_set=order.complete_set, received_at=order.received_at,
        ))
        self.session.execute(insert(order_copy_lines), [
            {"order_no": order.order_no, "line_no": line_no,
             "product_code": line.product_code, "quantity": line.quantity}
            for line_no, line in zip(line_nos, order.lines, strict=True)
        ])


class PaymentRepository(Repository):
    def get(self, order_no: str) -> PaymentStatus | None:
        row = self.session.execute(
            select(payments).where(payments.c.order_no == order_no).with_for_update()).first()
        if row is None:
            return None
        return PaymentStatus(
            order_no=row.order_no, company_id=row.company_id, contract_no=row.contract_no,
            paid_total=row.paid_total, contract_total=row.contract_total,
            cleared_for_shipment=row.cleared_for_shipment,
            first_confirmed_at=row.first_confirmed_at, last_confirmed_at=row.last_confirmed_at,
        )

    def put(self, status: PaymentStatus) -> None:
        values = dict(
            company_id=status.company_id, contract_no=status.contract_no,
            paid_total=status.paid_total, contract_total=status.contract_total,
            cleared_for_shipment=status.cleared_for_shipment,
            first_confirmed_at=status.first_confirmed_at,
            last_confirmed_at=status.last_confirmed_at,
        )
        exists = self.session.execute(
            select(payments.c.order_no).where(payments.c.order_no == status.order_no)).first()
        if exists:
            self.session.execute(update(payments)
                                 .where(payments.c.order_no == status.order_no).values(**values))
        else:
            self.session.execute(insert(payments).values(order_no=status.order_no, **values))


class FinishedGoodsRepository(TableRepository):
    table, key, record = finished_goods, "stock_entry_no", FinishedGoods

    def by_inspection(self, inspection_no: str) -> FinishedGoods | None:
        entries = self._where("inspection_no", inspection_no)
        return entries[0] if entries else None

    def for_order(self, order_no: str) -> list[FinishedGoods]:
        return self._where("order_no", order_no, "stock_entry_no")

    def list(self, companies: list[str] | None, status: str | None,
             limit: int = 100) -> list[FinishedGoods]:
        query = visible_to(select(finished_goods), finished_goods, companies,
                           status=status).order_by(
            finished_goods.c.stocked_at.desc(), finished_goods.c.stock_entry_no.desc()
        ).limit(limit)
        return [self._record(row) for row in self.session.execute(query).all()]

    @staticmethod
    def _row(entry: FinishedGoods) -> dict:
        return dict(
            stock_entry_no=entry.stock_entry_no, order_no=entry.order_no,
            company_id=entry.company_id, inspection_no=entry.inspection_no,
            stocked_at=entry.stocked_at, lines=_lines_out(entry.lines),
            customer_code=entry.customer_code, status=entry.status,
            shipment_no=entry.shipment_no,
        )

    @staticmethod
    def _record(row) -> FinishedGoods:
        return FinishedGoods(
            stock_entry_no=row.stock_entry_no, order_no=row.order_no,
            company_id=row.company_id, inspection_no=row.inspection_no,
            stocked_at=row.stocked_at, lines=_lines_in(row.lines),
            customer_code=row.customer_code, status=row.status, shipment_no=row.shipment_no,
        )


_SHIPMENT_FIELDS = [name for name in Shipment.__dataclass_fields__
                    if name not in ("lines", "stock_entry_nos")]


class ShipmentRepository(TableRepository):
    table, key, record = shipments, "shipment_no", Shipment

    def list(self, companies: list[str] | None, order_no: str | None = None,
             status: str | None = None, limit: int | None = None) -> list[Shipment]:
        query = visible_to(select(shipments), shipments, companies, order_no=order_no,
                           status=status).order_by(
            shipments.c.prepared_at.desc(), shipments.c.shipment_no.desc()).limit(limit)
        return [self._record(row) for row in self.session.execute(query).all()]

    def add_refusal(self, refusal: DispatchRefusal) -> None:
        self.session.execute(insert(dispatch_refusals).values(**refusal.__dict__))

    def refusals_for_order(self, order_no: str) -> list[DispatchRefusal]:
        rows = self.session.execute(select(dispatch_refusals)
                                    .where(dispatch_refusals.c.order_no == order_no)
                                    .order_by(dispatch_refusals.c.id)).all()
        return [DispatchRefusal(row.shipment_no, row.order_no, row.company_id,
                                row.refused_at, row.refused_by, row.reason) for row in rows]

    @staticmethod
    def _row(shipment: Shipment) -> dict:
        values = {name: getattr(shipment, name) for name in _SHIPMENT_FIELDS}
        values["lines"] = _lines_out(shipment.lines)
        values["stock_entry_nos"] = list(shipment.stock_entry_nos)
        return values

    @staticmethod
    def _record(row) -> Shipment:
        values = {name: getattr(row, name) for name in _SHIPMENT_FIELDS}
        return Shipment(lines=_lines_in(row.lines),
                        stock_entry_nos=tuple(row.stock_entry_nos), **values)


class InstructionRepository(TableRepository):
    """Logistics' copies of sales' shipping instructions (LOG-2)."""

    table, key, record = shipping_instructions, "instruction_no", InstructionCopy

    def for_order(self, order_no: str) -> list[InstructionCopy]:
        return self._where("order_no", order_no, "issued_at")

    @staticmethod
    def _row(instruction: InstructionCopy) -> dict:
        return {**instruction.__dict__, "lines": _lines_out(instruction.lines)}

    def _record(self, row) -> InstructionCopy:
        return InstructionCopy(**{**row._mapping, "lines": _lines_in(row.lines)})


class OrderRecords(TableRepository):
    """Records of one table that belong to orders, newest first in lists."""

    newest: ClassVar[str]

    def for_order(self, order_no: str) -> list:
        return self._where("order_no", order_no, self.newest)

    def list(self, companies: list[str] | None, order_no: str | None = None,
             limit: int = 100) -> list:
        query = visible_to(select(self.table), self.table, companies, order_no=order_no
                           ).order_by(self.table.c[self.newest].desc()).limit(limit)
        return [self._record(row) for row in self.session.execute(query).all()]


class MissingPartsRepository(OrderRecords):
    """Missing parts of short shipments (LOG-5)."""

    table, key, record, newest = missing_parts, "missing_no", MissingParts, "recorded_at"

    @staticmethod
    def _row(missing: MissingParts) -> dict:
        return {**missing.__dict__, "lines": _lines_out(missing.lines)}

    def _record(self, row) -> MissingParts:
        return MissingParts(**{**row._mapping, "lines": _lines_in(row.lines)})


class InvestigationRepository(OrderRecords):
    """"Not received" investigations (LOG-6)."""

    table, key, record, newest = investigations, "investigation_no", Investigation, "opened_at"


class CarrierClaimRepository(OrderRecords):
    """Claims against carriers (LOG-6)."""

    table, key, record, newest = carrier_claims, "claim_no", CarrierClaim, "opened_at"


class PackagingNoticeRepository(TableRepository):
    """Packaging notices (LOG-1), one per order."""

    table, key, record = packaging_notices, "order_no", PackagingNotice

    def list(self, companies: list[str] | None, order_no: str | None = None,
             limit: int = 100) -> list[PackagingNotice]:
        query = visible_to(select(self.table), self.table, companies, order_no=order_no
                           ).order_by(self.table.c.goods_ready_at).limit(limit)
        return [self._record(row) for row in self.session.execute(query).all()]
