"""A plan: the production instruction decomposed into work orders and material requests
(PLN-1, PLN-4), and the milestones that follow it to the finished-goods store (PLN-12)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

from contracts.events.planning import MaterialRequestStatus, PlanStatus
from planning.domain.publication import Coordination
from planning.domain.work_orders import DONE, WorkOrder

# plan statuses
PLANNED = PlanStatus.PLANNED                  # waiting for materials
MATERIALS_READY = PlanStatus.MATERIALS_READY  # every material in store: work orders may go
IN_PRODUCTION = PlanStatus.IN_PRODUCTION
PRODUCED = PlanStatus.PRODUCED                # all work orders done, final inspection next
REWORK = PlanStatus.REWORK                    # final inspection failed (QLT-3/4)
INSPECTED = PlanStatus.INSPECTED              # final inspection passed
COMPLETED = PlanStatus.COMPLETED              # packed and stocked (PLN-12)

# material request statuses
REQUESTED = MaterialRequestStatus.REQUESTED
ORDERED = MaterialRequestStatus.ORDERED
AVAILABLE = MaterialRequestStatus.AVAILABLE


@dataclass
class MaterialRequest:
    request_no: str
    plan_no: str
    order_no: str
    company_id: str
    material_code: str
    quantity: Decimal
    needed_by: date
    requested_at: datetime
    status: str = REQUESTED
    eta: date | None = None
    po_no: str | None = None
    ordered_at: datetime | None = None
    available_at: datetime | None = None
    source: str | None = None

    def ordered(self, po_no: str, eta: date, at: datetime) -> None:
        """A purchase order was placed: record its confirmed date as the ETA."""
        self.po_no, self.eta = po_no, eta
        self.ordered_at = self.ordered_at or at
        if self.status == REQUESTED:
            self.status = ORDERED

    def arrived(self, source: str, at: datetime) -> None:
        if self.status != AVAILABLE:
            self.status = AVAILABLE
            self.available_at, self.source = at, source


@dataclass
class Plan:
    plan_no: str
    order_no: str
    company_id: str
    instruction_no: str
    issued_at: datetime
    created_at: datetime
    planned_completion: datetime
    complete_set: bool = False
    non_regular: bool = False
    status: str = PLANNED
    work_orders: list[WorkOrder] = field(default_factory=list)
    material_requests: list[MaterialRequest] = field(default_factory=list)
    production_completed_at: datetime | None = None
    rework_note: str = ""
    rework_at: datetime | None = None
    rework_inspection_no: str | None = None
    inspection_no: str | None = None
    inspected_at: datetime | None = None
    stock_entry_no: str | None = None
    stocked_at: datetime | None = None
    # PLN-1: proposed by decomposition, published by a planner; PLN-3: its meeting
    published_at: datetime | None = None
    published_by: str | None = None
    publish_note: str = ""
    coordination: Coordination | None = None

    def request(self, request_no: str) -> MaterialRequest | None:
        return next((r for r in self.material_requests if r.request_no == request_no), None)

    @property
    def all_materials_available(self) -> bool:
        return all(r.status == AVAILABLE for r in self.material_requests)

    @property
    def all_work_orders_done(self) -> bool:
        return bool(self.work_orders) and all(w.status == DONE for w in self.work_orders)

    def refresh_readiness(self, at: datetime) -> bool:
        """When every material is in store the work orders become ready. True if they did."""
        if not self.all_materials_available:
            return False
        changed = False
        for wo in self.work_orders:
            before = wo.status
            wo.materials_in_store(at)
            changed |= wo.status != before
        if self.status == PLANNED:
            self.status = MATERIALS_READY
        return changed

    def production_finished(self, at: datetime) -> bool:
        """All work orders done: production is complete (again, after rework). True if so."""
        if not self.all_work_orders_done or self.status not in (
                PLANNED, MATERIALS_READY, IN_PRODUCTION, REWORK):
            return False
        self.status = PRODUCED
        self.production_completed_at = at
        return True

    def needs_rework(self, inspection_no: str, findings: str, at: datetime) -> None:
        note = f"rework after final inspection {inspection_no}: {findings}"
        for wo in self.work_orders:
            wo.rework(note, at)
        self.status = REWORK
        self.rework_note, self.rework_at, self.rework_inspection_no = note, at, inspection_no

    def inspection_passed(self, inspection_no: str, at: datetime) -> None:
        self.inspection_no, self.inspected_at = inspection_no, at
        if self.status in (PRODUCED, REWORK):
            self.status = INSPECTED

    def stocked(self, stock_entry_no: str, at: datetime) -> None:
        """Packed to factory standard and stocked: the product is complete (PLN-12)."""
        self.stock_entry_no, self.stocked_at = stock_entry_no, at
        self.status = COMPLETED

    def product_lines(self) -> list[dict]:
        lines: dict[str, Decimal] = {}
        for wo in self.work_orders:
            lines[wo.product_code] = lines.get(wo.product_code, Decimal(0)) + wo.quantity
        return [{"product_code": code, "quantity": str(qty)} for code, qty in lines.items()]
