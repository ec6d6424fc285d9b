"""Lots, final inspections and nonconformances in and out of quality's database."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import select

from contracts.events.quality import SeriousDefect
from quality.adapters.tables import final_inspections, lots, nonconformances
from quality.domain.final import FinalInspection
from quality.domain.inspection import Lot, Nonconformance
from servicekit.repository import TableRepository, visible_to


class SqlLotRepository(TableRepository):
    table, key, record = lots, "lot_no", Lot

    def list(self, companies, status=None, order_no=None, limit: int | None = None
             ) -> list[Lot]:
        """Oldest first (the inspection queue); `limit` bounds a page."""
        query = visible_to(select(lots), lots, companies, status=status, order_no=order_no)
        query = query.order_by(lots.c.received_at, lots.c.lot_no).limit(limit)
        return [self._record(r) for r in self.session.execute(query).all()]

    @staticmethod
    def _row(lot: Lot) -> dict:
        data = dict(lot.__dict__)
        data["status"] = str(lot.status)
        data["serious_defects"] = [str(d) for d in lot.serious_defects]
        return data

    @staticmethod
    def _record(row) -> Lot:
        data = dict(row._mapping)
        data["serious_defects"] = [SeriousDefect(d) for d in data["serious_defects"]]
        data["pass_rate"] = (None if data["pass_rate"] is None
                             else Decimal(data["pass_rate"]).quantize(Decimal("0.0001")))
        return Lot(**data)


class SqlFinalInspectionRepository(TableRepository):
    table, key, record = final_inspections, "inspection_no", FinalInspection

    @staticmethod
    def _row(inspection: FinalInspection) -> dict:
        return {**inspection.__dict__, "status": str(inspection.status)}

    def for_order(self, order_no: str) -> list[FinalInspection]:
        return self._where("order_no", order_no, "created_at", "inspection_no")

    def list(self, companies, status=None, limit: int | None = None) -> list[FinalInspection]:
        """Oldest first; `limit` bounds a page."""
        query = visible_to(select(final_inspections), final_inspections, companies,
                           status=status)
        rows = self.session.execute(
            query.order_by(final_inspections.c.created_at, final_inspections.c.inspection_no)
            .limit(limit))
        return [FinalInspection(**row._mapping) for row in rows.all()]


class SqlNonconformanceRepository(TableRepository):
    table, key, record = nonconformances, "ncr_no", Nonconformance

    def for_source(self, source_no: str) -> list[Nonconformance]:
        return self._where("source_no", source_no, "ncr_no")
