"""Quality's part of a customer change notice's saga (SAL-8): `f(event, payload, uow)`.

Applied: the order's inspection criteria take the change's technical and quality
requirements (the final inspection checks against them). Refused once the order passed
final inspection. Compensated on rollback: the previous criteria come back.
"""

from __future__ import annotations

import dataclasses
from datetime import datetime

from contracts.envelope import EventEnvelope
from contracts.events.changes import ChangeIssued, ChangeRolledBack
from quality.domain.criteria import OrderCriteria, check_changeable
from servicekit import clock
from servicekit.change_parts import Applied, apply_part, compensate_part


def change_issued(event: EventEnvelope, payload: ChangeIssued, uow) -> None:
    def apply() -> Applied:
        check_changeable(payload.order_no, uow.final_inspections.for_order(payload.order_no))
        before = uow.criteria.get(payload.order_no, for_update=True)
        criteria = OrderCriteria(
            order_no=payload.order_no, company_id=event.company_id,
            technical_requirement=payload.technical_requirement
            or (before.technical_requirement if before else ""),
            quality_requirement=payload.quality_requirement
            or (before.quality_requirement if before else ""),
            revision=payload.revision, change_no=payload.change_no, updated_at=clock.now())
        if before is None:
            uow.criteria.add(criteria)
        else:
            uow.criteria.save(criteria)
        undo = {"before": None if before is None else {
            **dataclasses.asdict(before), "updated_at": before.updated_at.isoformat()}}
        return Applied(undo=undo, summary=(
            f"inspection criteria of revision {payload.revision}: "
            f"{criteria.quality_requirement or criteria.technical_requirement or 'unchanged'}"))

    apply_part(uow, change_no=payload.change_no, order_no=payload.order_no,
               company_id=event.company_id, apply=apply)


def change_rolled_back(event: EventEnvelope, payload: ChangeRolledBack, uow) -> None:
    def undo(data: dict) -> None:
        before = data.get("before")
        if before is None:
            uow.criteria.remove(payload.order_no)
        else:
            uow.criteria.save(OrderCriteria(**{
                **before, "updated_at": datetime.fromisoformat(before["updated_at"])}))

    compensate_part(uow, change_no=payload.change_no, order_no=payload.order_no,
                    company_id=event.company_id, undo=undo)
