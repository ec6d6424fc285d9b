"""PLN-8's rules as pure functions: what planning knows of the checklist, what a check may
claim, when a progress report is a deviation, which remedies exist."""

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest

from planning.domain import process_control as control
from planning.domain.errors import PlanningRejected

START = datetime(2027, 3, 1, 0, 0, tzinfo=UTC)


@dataclass
class Request:
    material_code: str
    available_at: datetime | None = None
    eta: date | None = None
    po_no: str | None = None


@dataclass
class Plan:
    material_requests: list = field(default_factory=list)
    non_regular: bool = False


@dataclass
class WorkOrder:
    work_order_no: str = "WO-1"
    work_centre: str = "P1-ASSY"
    planned_finish: datetime = START + timedelta(days=2)
    completed_quantity: Decimal = Decimal("1")
    quantity: Decimal = Decimal("3")

    @property
    def remaining(self):
        return self.quantity - self.completed_quantity


def answers(**problems):
    return {item: (item not in problems, problems.get(item, "")) for item in control.CHECKLIST}


def test_materials_in_store_or_arriving_before_the_start_are_ready():
    plan = Plan([Request("CU", available_at=START), Request("BRK", eta=date(2027, 2, 27),
                                                            po_no="PO-1")])
    known = control.facts(plan, WorkOrder(), START.date(), design_reviewed=False)
    assert known["materials"].ready is True and known["purchases"].ready is True
    assert known["design"].ready is True  # a regular order needs no design


def test_a_material_arriving_after_the_start_is_not_ready_and_says_when():
    plan = Plan([Request("BRK", eta=date(2027, 3, 5), po_no="PO-1")], non_regular=True)
    known = control.facts(plan, WorkOrder(), START.date(), design_reviewed=False)
    assert known["materials"].ready is False and "ETA 2027-03-05" in known["materials"].sentence
    assert known["design"].ready is False  # non-regular, not reviewed (SAL-3)


def test_a_check_cannot_pass_what_planning_knows_is_not_ready():
    known = control.facts(Plan([Request("BRK")]), WorkOrder(), START.date(), True)
    with pytest.raises(PlanningRejected, match="materials is not ready"):
        control.check(WorkOrder(), known, answers(purchases="x"), "prod.p1", START)
    done = control.check(WorkOrder(), known, answers(materials="late", purchases="not yet"),
                         "prod.p1", START)
    assert [i.item for i in done.problems] == ["materials", "purchases"]


def test_every_item_is_answered():
    known = control.facts(Plan(), WorkOrder(), START.date(), True)
    partial = {k: v for k, v in answers().items() if k != "people"}
    with pytest.raises(PlanningRejected, match="people missing"):
        control.check(WorkOrder(), known, partial, "prod.p1", START)


def test_a_forecast_after_the_planned_finish_is_a_deviation():
    wo = WorkOrder()
    assert control.progress_entry(wo, wo.planned_finish + timedelta(hours=1), "", "p",
                                  START).deviation
    on_time = control.progress_entry(wo, wo.planned_finish, "", "p", START)
    assert not on_time.deviation and on_time.remaining == Decimal("2")


def test_only_the_named_remedies_are_recorded():
    assert control.remedy(WorkOrder(), "overtime", "Saturday", "p", START).kind == "overtime"
    with pytest.raises(PlanningRejected, match="no remedy"):
        control.remedy(WorkOrder(), "hope", "", "p", START)
