"""Answers for planners: binding constraints, order impacts and late orders, with sentences.

Every object carries the numbers (minutes from the origin) *and* a sentence a production
manager or contract manager understands without knowing how the engine works.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class BindingConstraint:
    """Why a date is what it is (PLN-2)."""

    kind: str  # "work_centre_capacity" | "material_lead_time" | "release" | "processing_time"
    subject: str  # the work centre's or material's name, or the order
    until: int  # minute at which the constraint stops binding
    sentence: str


@dataclass(frozen=True)
class OrderImpact:
    """How one order's completion moves when a rush order is inserted (PLN-9)."""

    order_id: str
    due: int
    completion_before: int
    completion_after: int
    sentence: str

    @property
    def delay(self) -> int:
        return self.completion_after - self.completion_before

    @property
    def late_before(self) -> bool:
        return self.completion_before > self.due

    @property
    def late_after(self) -> bool:
        return self.completion_after > self.due

    @property
    def becomes_late(self) -> bool:
        return self.late_after and not self.late_before


@dataclass(frozen=True)
class LateOrder:
    """An order the proposed sequence finishes after its due date (PLN-7)."""

    order_id: str
    grade: str
    priority: int
    due: int
    completion: int
    was_late_before: bool
    sentence: str

    @property
    def lateness(self) -> int:
        return self.completion - self.due


@dataclass(frozen=True)
class CentreLoad:
    """Work to do on a work centre against the working time it has before a date."""

    work_centre: str
    load_minutes: int
    capacity_minutes: int

    @property
    def utilisation(self) -> float:
        return self.load_minutes / self.capacity_minutes if self.capacity_minutes else float("inf")


def hours(minutes: int) -> str:
    return f"{minutes / 60:.1f} h" if minutes % 60 else f"{minutes // 60} h"
