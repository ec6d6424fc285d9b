"""Logistics' unit of work: its repositories, and the one record kept apart (LOG-2)."""

from __future__ import annotations

from logistics.adapters.repository import (
    CarrierClaimRepository,
    CarrierRepository,
    FinishedGoodsRepository,
    InstructionRepository,
    InvestigationRepository,
    MissingPartsRepository,
    OrderCopyRepository,
    PackagingNoticeRepository,
    PaymentRepository,
    ShipmentRepository,
)
from logistics.domain.model import DispatchRefusal
from servicekit.uow import UnitOfWork


class LogisticsUnitOfWork(UnitOfWork):
    def _open(self, session):
        self.carriers = CarrierRepository(session)
        self.orders = OrderCopyRepository(session)
        self.payments = PaymentRepository(session)
        self.finished_goods = FinishedGoodsRepository(session)
        self.shipments = ShipmentRepository(session)
        self.instructions = InstructionRepository(session)
        self.missing_parts = MissingPartsRepository(session)
        self.investigations = InvestigationRepository(session)
        self.claims = CarrierClaimRepository(session)
        self.packaging = PackagingNoticeRepository(session)

    def record_refusal(self, refusal: DispatchRefusal) -> None:
        """Rule LOG-2, X-3: keep a dispatch attempt the payment gate refused on record.

        The attempt is a command that fails, and a failed command's transaction is undone
        (servicekit.commands), so the record gets a transaction of its own, written once
        the command's has closed (on SQLite a second writer would wait for it forever).
        """
        if self.session is not None:
            raise RuntimeError("record_refusal runs after the use case's `with uow:` closed")
        apart = type(self)(self.engine, self._gate, self.tables, self.service)
        with apart:
            apart.shipments.add_refusal(refusal)
            apart.commit()
