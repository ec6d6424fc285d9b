"""Process control records in and out of planning's database (PLN-8)."""

from __future__ import annotations

from dataclasses import asdict

from sqlalchemy import delete, func, insert, select

from planning.adapters.tables import preparation_checks, progress_reports, remedies
from planning.domain.process_control import CheckItem, PreparationCheck, ProgressEntry, Remedy
from servicekit.repository import Repository

HISTORY = 100  # progress reports shown per work order, newest first


def _fields(cls, row) -> dict:
    mapping = row._mapping
    return {name: mapping[name] for name in cls.__dataclass_fields__ if name in mapping}


class SqlProcessControl(Repository):
    def save_check(self, check: PreparationCheck) -> None:
        self.session.execute(delete(preparation_checks).where(
            preparation_checks.c.work_order_no == check.work_order_no))
        self.session.execute(insert(preparation_checks).values(
            work_order_no=check.work_order_no, checked_by=check.checked_by,
            checked_at=check.checked_at, items=[asdict(i) for i in check.items]))

    def check_of(self, work_order_no: str) -> PreparationCheck | None:
        row = self.session.execute(select(preparation_checks).where(
            preparation_checks.c.work_order_no == work_order_no)).first()
        if row is None:
            return None
        return PreparationCheck(row.work_order_no, row.checked_by, row.checked_at,
                                tuple(CheckItem(**item) for item in row.items))

    def add_progress(self, entry: ProgressEntry) -> None:
        self.session.execute(insert(progress_reports).values(**asdict(entry)))

    def progress_of(self, work_order_no: str) -> list[ProgressEntry]:
        rows = self.session.execute(
            select(progress_reports).where(progress_reports.c.work_order_no == work_order_no)
            .order_by(progress_reports.c.id.desc()).limit(HISTORY)).all()
        return [ProgressEntry(**_fields(ProgressEntry, row)) for row in rows]

    def reports_of(self, work_order_no: str) -> int:
        return self.session.execute(select(func.count()).select_from(progress_reports).where(
            progress_reports.c.work_order_no == work_order_no)).scalar_one()

    def add_remedy(self, remedy: Remedy) -> None:
        self.session.execute(insert(remedies).values(**asdict(remedy)))

    def remedies_of(self, work_order_no: str) -> list[Remedy]:
        rows = self.session.execute(
            select(remedies).where(remedies.c.work_order_no == work_order_no)
            .order_by(remedies.c.id)).all()
        return [Remedy(**_fields(Remedy, row)) for row in rows]
