"""Work orders and their state machine (PLN-1, PLN-8, PLN-12).

    waiting_material --materials in store--> ready --release--> released
    released --progress--> in_progress --complete--> done
    done --final inspection failed (rework)--> in_progress

A step out of order is refused (`StepRefused`): the state, not the request, is at fault.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from contracts.events.planning import WorkOrderStatus
from planning.domain.errors import PlanningRejected, StepRefused

WAITING_MATERIAL = WorkOrderStatus.WAITING_MATERIAL
READY = WorkOrderStatus.READY
RELEASED = WorkOrderStatus.RELEASED
IN_PROGRESS = WorkOrderStatus.IN_PROGRESS
DONE = WorkOrderStatus.DONE
STATUSES = tuple(WorkOrderStatus)


@dataclass(frozen=True)
class PlannedOperation:
    step: int
    work_centre: str
    planned_start: datetime
    planned_finish: datetime


@dataclass
class WorkOrder:
    work_order_no: str
    plan_no: str
    order_no: str
    company_id: str
    line_no: int
    product_code: str
    quantity: Decimal
    planned_start: datetime
    planned_finish: datetime
    work_centre: str  # where it starts: the routing's first work centre
    operations: tuple[PlannedOperation, ...] = ()
    completed_quantity: Decimal = Decimal(0)
    status: str = WAITING_MATERIAL
    note: str = ""
    ready_at: datetime | None = None
    released_at: datetime | None = None
    released_by: str | None = None
    progress_at: datetime | None = None
    progress_by: str | None = None
    done_at: datetime | None = None
    done_by: str | None = None

    def materials_in_store(self, at: datetime) -> None:
        """All the order's materials are available: the work order may be released."""
        if self.status == WAITING_MATERIAL:
            self.status = READY
            self.ready_at = at

    def release(self, by: str, at: datetime) -> None:
        if self.status == WAITING_MATERIAL:
            raise StepRefused(f"work order {self.work_order_no} waits for materials; "
                           "it can be released once every material is in store",
                           {"status": str(self.status)})
        if self.status != READY:
            raise StepRefused(f"work order {self.work_order_no} is {self.status}, not ready",
                           {"status": str(self.status)})
        self.status = RELEASED
        self.released_at, self.released_by = at, by

    def report_progress(self, completed: Decimal, note: str, by: str, at: datetime) -> None:
        """Daily progress report (PLN-8): how much is completed so far."""
        if self.status not in (RELEASED, IN_PROGRESS):
            raise StepRefused(f"work order {self.work_order_no} is {self.status}: progress is "
                           "reported on a released work order", {"status": str(self.status)})
        if completed > self.quantity:
            raise PlanningRejected(
                f"completed quantity {completed} exceeds the work order's {self.quantity}",
                {"completed_quantity": str(completed), "quantity": str(self.quantity)})
        self.completed_quantity = completed
        self.status = IN_PROGRESS
        self.note = note or self.note
        self.progress_at, self.progress_by = at, by

    def complete(self, by: str, at: datetime) -> None:
        if self.status not in (RELEASED, IN_PROGRESS):
            raise StepRefused(f"work order {self.work_order_no} is {self.status}: only a released "
                           "work order can be completed", {"status": str(self.status)})
        self.completed_quantity = self.quantity
        self.status = DONE
        self.done_at, self.done_by = at, by

    def rework(self, note: str, at: datetime) -> None:
        """Final inspection failed (QLT-3/4): the work order is back on the shop floor."""
        if self.status != DONE:
            return
        self.status = IN_PROGRESS
        self.note = note
        self.done_at = self.done_by = None
        self.progress_at = at

    @property
    def remaining(self) -> Decimal:
        return self.quantity - self.completed_quantity
