"""Lots, final inspections and nonconformances in and out of quality's database."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import insert, select, true, update
from sqlalchemy.orm import Session

from contracts.events.quality import SeriousDefect
from quality.adapters.tables import final_inspections, lots, nonconformances
from quality.domain.final import FinalInspection
from quality.domain.inspection import Lot, Nonconformance


def _companies_filter(column, companies):
    return true() if companies is None else column.in_(companies)


class SqlLotRepository:
    def __init__(self, session: Session):
        self.session = session

    def add(self, lot: Lot) -> None:
        self.session.execute(insert(lots).values(**self._row(lot)))

    def save(self, lot: Lot) -> None:
        self.session.execute(update(lots).where(lots.c.lot_no == lot.lot_no)
                             .values(**self._row(lot)))

    def get(self, lot_no: str) -> Lot | None:
        row = self.session.execute(select(lots).where(lots.c.lot_no == lot_no)).first()
        return None if row is None else self._lot(row)

    def list(self, companies, status=None, order_no=None, limit: int | None = None
             ) -> list[Lot]:
        """Oldest first (the inspection queue); `limit` bounds a page."""
        query = select(lots).where(_companies_filter(lots.c.company_id, companies))
        if status:
            query = query.where(lots.c.status == str(status))
        if order_no:
            query = query.where(lots.c.order_no == order_no)
        query = query.order_by(lots.c.received_at, lots.c.lot_no).limit(limit)
        return [self._lot(r) for r in self.session.execute(query).all()]

    @staticmethod
    def _row(lot: Lot) -> dict:
        data = dict(lot.__dict__)
        data["status"] = str(lot.status)
        data["serious_defects"] = [str(d) for d in lot.serious_defects]
        return data

    @staticmethod
    def _lot(row) -> Lot:
        data = dict(row._mapping)
        data["serious_defects"] = [SeriousDefect(d) for d in data["serious_defects"]]
        data["pass_rate"] = (None if data["pass_rate"] is None
                             else Decimal(data["pass_rate"]).quantize(Decimal("0.0001")))
        return Lot(**data)


class SqlFinalInspectionRepository:
    def __init__(self, session: Session):
        self.session = session

    def add(self, inspection: FinalInspection) -> None:
        self.session.execute(insert(final_inspections).values(**self._row(inspection)))

    def save(self, inspection: FinalInspection) -> None:
        self.session.execute(
            update(final_inspections)
            .where(final_inspections.c.inspection_no == inspection.inspection_no)
            .values(**self._row(inspection)))

    @staticmethod
    def _row(inspection: FinalInspection) -> dict:
        return {**inspection.__dict__, "status": str(inspection.status)}

    def for_order(self, order_no: str) -> list[FinalInspection]:
        rows = self.session.execute(
            select(final_inspections).where(final_inspections.c.order_no == order_no)
            .order_by(final_inspections.c.created_at, final_inspections.c.inspection_no)).all()
        return [FinalInspection(**row._mapping) for row in rows]

    def list(self, companies, status=None, limit: int | None = None) -> list[FinalInspection]:
        """Oldest first; `limit` bounds a page."""
        query = select(final_inspections).where(
            _companies_filter(final_inspections.c.company_id, companies))
        if status:
            query = query.where(final_inspections.c.status == str(status))
        rows = self.session.execute(
            query.order_by(final_inspections.c.created_at, final_inspections.c.inspection_no)
            .limit(limit))
        return [FinalInspection(**row._mapping) for row in rows.all()]


class SqlNonconformanceRepository:
    def __init__(self, session: Session):
        self.session = session

    def add(self, record: Nonconformance) -> None:
        self.session.execute(insert(nonconformances).values(**record.__dict__))

    def for_source(self, source_no: str) -> list[Nonconformance]:
        rows = self.session.execute(
            select(nonconformances).where(nonconformances.c.source_no == source_no)
            .order_by(nonconformances.c.ncr_no)).all()
        return [Nonconformance(**row._mapping) for row in rows]
