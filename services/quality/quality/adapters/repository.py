"""Lots, final inspections and nonconformances in and out of quality's database."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import select

from contracts.events.quality import SeriousDefect
from quality.adapters.tables import final_inspections, findings, lots, nonconformances
from quality.domain.final import FinalInspection
from quality.domain.findings import Finding
from quality.domain.inspection import Lot
from quality.domain.nonconformance import Nonconformance
from servicekit.repository import TableRepository, visible_to


class SqlLotRepository(TableRepository):
    table, key, record = lots, "lot_no", Lot

    def list(self, companies, status=None, order_no=None, limit: int | None = None
             ) -> list[Lot]:
        """Oldest first (the inspection queue); `limit` bounds a page."""
        query = visible_to(select(lots), lots, companies, status=status, order_no=order_no)
        query = query.order_by(lots.c.received_at, lots.c.lot_no).limit(limit)
        return [self._record(r) for r in self.session.execute(query).all()]

    def inspected_between(self, company_id: str, start, end) -> list[Lot]:
        """The company's lots with a verdict in [start, end) (QLT-5)."""
        query = select(lots).where(lots.c.company_id == company_id,
                                   lots.c.inspected_at >= start, lots.c.inspected_at < end)
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

    def of_orders_inspected_between(self, company_id: str, start, end
                                    ) -> list[FinalInspection]:
        """Every verdict of the orders with a verdict in [start, end) (QLT-5's first pass
        needs each order's earlier rounds too)."""
        t = final_inspections
        orders = select(t.c.order_no).where(t.c.company_id == company_id,
                                            t.c.inspected_at >= start, t.c.inspected_at < end)
        rows = self.session.execute(select(t).where(t.c.order_no.in_(orders)))
        return [FinalInspection(**row._mapping) for row in rows.all()]

    def list(self, companies, status=None, limit: int | None = None,
             order_no: str | None = None) -> list[FinalInspection]:
        """Oldest first; `limit` bounds a page."""
        query = visible_to(select(final_inspections), final_inspections, companies,
                           status=status, order_no=order_no)
        rows = self.session.execute(
            query.order_by(final_inspections.c.created_at, final_inspections.c.inspection_no)
            .limit(limit))
        return [FinalInspection(**row._mapping) for row in rows.all()]


class SqlNonconformanceRepository(TableRepository):
    table, key, record = nonconformances, "ncr_no", Nonconformance

    def for_source(self, source_no: str) -> list[Nonconformance]:
        return self._where("source_no", source_no, "ncr_no")

    def for_order(self, order_no: str) -> list[Nonconformance]:
        return self._where("order_no", order_no, "opened_at", "ncr_no")

    def complaints_between(self, company_id: str, start, end) -> int:
        """How many customer complaints reached the company's NCRs in [start, end)."""
        t = nonconformances
        query = select(t.c.complaints).where(t.c.company_id == company_id,
                                             t.c.opened_at >= start, t.c.opened_at < end)
        return sum(len(row.complaints or []) for row in self.session.execute(query).all())

    def list(self, companies, status=None, order_no=None, source=None,
             limit: int | None = None) -> list[Nonconformance]:
        """Oldest first; `limit` bounds a page."""
        query = visible_to(select(nonconformances), nonconformances, companies,
                           status=status, order_no=order_no, source=source)
        query = query.order_by(nonconformances.c.opened_at, nonconformances.c.ncr_no)
        return [self._record(r) for r in self.session.execute(query.limit(limit)).all()]

    @staticmethod
    def _row(ncr: Nonconformance) -> dict:
        return {**ncr.__dict__, "complaints": list(ncr.complaints)}

    def _record(self, row) -> Nonconformance:
        data = dict(row._mapping)
        data["complaints"] = list(data["complaints"] or [])
        return Nonconformance(**data)


class SqlFindingRepository(TableRepository):
    table, key, record = findings, "finding_no", Finding

    def found_between(self, company_id: str, start, end) -> list[Finding]:
        query = select(findings).where(findings.c.company_id == company_id,
                                       findings.c.found_at >= start, findings.c.found_at < end)
        return [self._record(r) for r in self.session.execute(query).all()]

    def list(self, companies, status=None, order_no=None, limit: int | None = None
             ) -> list[Finding]:
        """Oldest first; `limit` bounds a page."""
        query = visible_to(select(findings), findings, companies, status=status,
                           order_no=order_no)
        query = query.order_by(findings.c.found_at, findings.c.finding_no).limit(limit)
        return [self._record(r) for r in self.session.execute(query).all()]
