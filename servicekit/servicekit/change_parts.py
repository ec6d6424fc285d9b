"""A downstream department's part of a customer change notice's saga (SAL-8).

Sales issues a change (`sales.change_issued`); each department applies its part or
refuses it with a reason and answers `<service>.change_answered`; a refusal anywhere makes
sales roll the change back (`sales.change_rolled_back`), and every department that applied
its part compensates it from the undo data it kept. One row per change and department
(`<service>_change_part`) makes both steps idempotent and records the outcome for the
journey:

    (issued) ──apply──► applied ──rolled back──► compensated
    (issued) ──refuse─► refused
    (rolled back before the issue arrived) ──► rolled_back: a late issue is ignored

`apply` checks everything before it writes: it raises a refusal (servicekit.refusals)
before changing anything, so a refused part leaves the department's records untouched.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import JSON, Column, MetaData, String, Table

from contracts.events.changes import ChangeAnswered, MaterialChange
from contracts.rpc.common import JourneyStage
from servicekit import clock
from servicekit.journeys import stage
from servicekit.refusals import Refusal
from servicekit.repository import TableRepository
from servicekit.tables import UtcDateTime

APPLIED, REFUSED, COMPENSATED, ROLLED_BACK = "applied", "refused", "compensated", "rolled_back"


def change_part_table(metadata: MetaData, service: str) -> Table:
    """The service's `<service>_change_part` table (each service migrates its own)."""
    return Table(
        f"{service}_change_part", metadata,
        Column("change_no", String(64), primary_key=True),
        Column("company_id", String(32), nullable=False),
        Column("order_no", String(64), nullable=False, index=True),
        Column("status", String(16), nullable=False),
        Column("reason", String(500), nullable=False),
        Column("summary", String(500), nullable=False),
        Column("undo", JSON, nullable=False),
        Column("answered_at", UtcDateTime(), nullable=False),
        Column("compensated_at", UtcDateTime()),
    )


@dataclass
class ChangePart:
    change_no: str
    company_id: str
    order_no: str
    status: str
    reason: str = ""
    summary: str = ""
    undo: dict = field(default_factory=dict)
    answered_at: datetime | None = None
    compensated_at: datetime | None = None


def change_parts(table: Table) -> type[TableRepository]:
    """The repository of a service's change parts (`uow.change_parts`)."""

    class SqlChangeParts(TableRepository):
        def for_order(self, order_no: str) -> list[ChangePart]:
            return self._where("order_no", order_no, "answered_at")

    SqlChangeParts.table, SqlChangeParts.key, SqlChangeParts.record = table, "change_no", \
        ChangePart
    return SqlChangeParts


@dataclass(frozen=True)
class Applied:
    """What `apply` did: the undo data compensation needs, a line for the journey, and
    (planning's) the material requests it re-sized."""

    undo: dict
    summary: str
    material_changes: list[MaterialChange] = field(default_factory=list)


def apply_part(uow, *, change_no: str, order_no: str, company_id: str,
               apply: Callable[[], Applied]) -> None:
    """Apply this department's part once, or record its refusal; answer sales either way."""
    now = clock.now()
    with uow:
        if uow.change_parts.get(change_no, for_update=True) is not None:
            uow.commit()  # answered already, or rolled back before the change arrived
            return
        try:
            applied = apply()
        except Refusal as refusal:
            part = ChangePart(change_no, company_id, order_no, REFUSED, reason=str(refusal),
                              answered_at=now)
            applied = None
        else:
            part = ChangePart(change_no, company_id, order_no, APPLIED,
                              summary=applied.summary, undo=applied.undo, answered_at=now)
        uow.change_parts.add(part)
        uow.emit(f"{uow.service}.change_answered", ChangeAnswered(
            change_no=change_no, order_no=order_no, department=uow.service,
            applied=applied is not None, reason=part.reason,
            material_changes=applied.material_changes if applied else []),
            company_id=company_id, order_no=order_no)
        uow.commit()


def compensate_part(uow, *, change_no: str, order_no: str, company_id: str,
                    undo: Callable[[dict], None]) -> None:
    """Undo an applied part from its undo data; remember a rollback that came first."""
    now = clock.now()
    with uow:
        part = uow.change_parts.get(change_no, for_update=True)
        if part is None:
            uow.change_parts.add(ChangePart(change_no, company_id, order_no, ROLLED_BACK,
                                            reason="rolled back before it arrived",
                                            answered_at=now, compensated_at=now))
        elif part.status == APPLIED:
            undo(part.undo)
            part.status, part.compensated_at = COMPENSATED, now
            uow.change_parts.save(part)
        uow.commit()


def part_stages(department: str, parts: list[ChangePart]) -> list[JourneyStage]:
    """The journey (X-3) of each change part: applied, refused, compensated."""
    stages = []
    for part in parts:
        refs = {"change_no": part.change_no}
        if part.status == REFUSED:
            stages.append(stage(department, "change refused", "refused", part.answered_at,
                                ended_at=part.answered_at, refs=refs,
                                summary=f"{part.reason} (SAL-8)"))
        elif part.status in (APPLIED, COMPENSATED):
            stages.append(stage(department, "change applied", "done", part.answered_at,
                                ended_at=part.answered_at, refs=refs,
                                summary=f"{part.summary} (SAL-8)"))
        if part.status == COMPENSATED:
            stages.append(stage(department, "change compensated", "done", part.compensated_at,
                                ended_at=part.compensated_at, refs=refs,
                                summary="the change was rolled back: the part applied is "
                                        "undone (SAL-8)"))
    return stages


def journey(actor, order_no: str, uow) -> list[JourneyStage]:
    """This department's change parts of an order the actor may see (X-3)."""
    with uow:
        parts = [p for p in uow.change_parts.for_order(order_no) if actor.may_see(p.company_id)]
    return part_stages(uow.service, parts)
