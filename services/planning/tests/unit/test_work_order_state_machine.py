"""Work orders move waiting_material -> ready -> released -> in_progress -> done (PLN-8)."""

from datetime import UTC, datetime
from decimal import Decimal

import pytest

from planning.domain.errors import PlanningRejected, StepRefused
from planning.domain.work_orders import DONE, IN_PROGRESS, READY, RELEASED, WorkOrder

pytestmark = pytest.mark.unit
NOW = datetime(2026, 12, 1, 9, tzinfo=UTC)


def _wo(**kw) -> WorkOrder:
    return WorkOrder("WO-P1-000001", "PL-P1-000001", "SO-P1-000001", "P1", 1, "KYN28-12",
                     Decimal("2"), NOW, NOW, "P1-ASSY", **kw)


def test_a_work_order_waiting_for_materials_cannot_be_released():
    wo = _wo()
    with pytest.raises(StepRefused, match="waits for materials"):
        wo.release("planner", NOW)


def test_the_full_path_from_materials_to_done():
    wo = _wo()
    wo.materials_in_store(NOW)
    assert wo.status == READY
    wo.release("planner", NOW)
    assert wo.status == RELEASED and wo.released_by == "planner"
    wo.report_progress(Decimal("1"), "half way", "foreman", NOW)
    assert (wo.status, wo.completed_quantity, wo.remaining) == (IN_PROGRESS, 1, 1)
    wo.complete("foreman", NOW)
    assert wo.status == DONE and wo.completed_quantity == 2


@pytest.mark.parametrize("step", ["report", "complete"])
def test_progress_and_completion_are_refused_before_release(step):
    wo = _wo(status=READY)
    with pytest.raises(StepRefused):
        if step == "report":
            wo.report_progress(Decimal("1"), "", "foreman", NOW)
        else:
            wo.complete("foreman", NOW)


def test_a_done_work_order_cannot_be_released_or_completed_again():
    wo = _wo(status=DONE)
    with pytest.raises(StepRefused):
        wo.release("planner", NOW)
    with pytest.raises(StepRefused):
        wo.complete("planner", NOW)


def test_completed_quantity_cannot_exceed_the_work_order_quantity():
    wo = _wo(status=RELEASED)
    with pytest.raises(PlanningRejected, match="exceeds"):
        wo.report_progress(Decimal("3"), "", "foreman", NOW)
    assert wo.status == RELEASED and wo.completed_quantity == 0


def test_rework_puts_a_done_work_order_back_in_progress_with_a_note():
    wo = _wo(status=DONE, completed_quantity=Decimal("2"))
    wo.rework("rework after final inspection FI-1: scratched doors", NOW)
    assert wo.status == IN_PROGRESS and "scratched" in wo.note
    wo.complete("foreman", NOW)
    assert wo.status == DONE
