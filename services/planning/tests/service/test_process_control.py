"""Process control (PLN-8), planning alone on the real broker and database: each work
order's preparation check falls due a working day before it starts and breaches when
left undone; a released work order's progress is due every working day; the check cannot
pass materials planning knows are missing; progress is kept as a history."""

from datetime import datetime
from decimal import Decimal

import pytest
from nameko.exceptions import RemoteError
from nameko.standalone.rpc import ServiceRpcProxy
from planning_events import P1_PLANNER, instruction, order_received

from contracts.events.procurement import MaterialAvailable
from planning.service import PlanningService
from servicekit.testing import deliver_event, start_service
from servicekit.testing_deadlines import assert_limit_breaches

pytestmark = pytest.mark.service
ORDER = "SO-P1-000001"
ONE_LINE = [("KYN28-12", "1")]
ALL_READY = [{"item": item, "ok": True} for item in (
    "people", "machines", "materials", "co_production", "purchases", "design")]


@pytest.fixture
def published(container_factory, make_config):
    """One work order of ORDER, its plan published by the planner (PLN-1)."""
    container = start_service(container_factory, PlanningService, make_config("planning"))
    deliver_event(container, "on_order_received", "sales.order_received",
                  order_received(lines=ONE_LINE), timeout=15)
    deliver_event(container, "on_production_instruction_issued",
                  "sales.production_instruction_issued", instruction(lines=ONE_LINE),
                  timeout=15)
    with ServiceRpcProxy("planning", container.config) as rpc:
        rpc.publish_plan(P1_PLANNER, ORDER, {})
    return container


def _materials_in(container, rpc) -> None:
    for r in rpc.get_plan(P1_PLANNER, ORDER)["material_requests"]:
        deliver_event(container, "on_material_available", "procurement.material_available",
                      MaterialAvailable(request_no=r["request_no"], order_no=ORDER,
                                        material_code=r["material_code"],
                                        quantity=Decimal(r["quantity"]), source="stock"),
                      timeout=15)


def test_a_preparation_check_left_undone_breaches_a_working_day_before_the_start(published):
    with ServiceRpcProxy("planning", published.config) as rpc:
        [wo] = rpc.get_plan(P1_PLANNER, ORDER)["work_orders"]
    assert_limit_breaches(published, "PLN-8.preparation_reminder", ORDER,
                          anchor=datetime.fromisoformat(wo["planned_start"]))


def test_the_check_cannot_pass_missing_materials_and_meets_the_limit_once_they_are_in(
        published):
    with ServiceRpcProxy("planning", published.config) as rpc:
        [wo] = rpc.get_plan(P1_PLANNER, ORDER)["work_orders"]
        no = wo["work_order_no"]
        facts = {f["item"]: f for f in rpc.get_process_control(P1_PLANNER, no)["facts"]}
        assert facts["materials"]["ready"] is False and "not ordered yet" in facts[
            "materials"]["sentence"]
        assert facts["people"]["ready"] is None  # for the workshop to judge
        with pytest.raises(RemoteError) as info:
            rpc.check_preparation(P1_PLANNER, no, {"items": ALL_READY})
        assert info.value.exc_type == "InvalidRequest" and "materials" in info.value.value
        _materials_in(published, rpc)
        checked = rpc.check_preparation(P1_PLANNER, no, {"items": [
            *ALL_READY[:1], {"item": "machines", "ok": False, "note": "press in service"},
            *ALL_READY[2:]]})
        assert checked["preparation"]["problems"] == ["machines"]
        [limit] = [d for d in rpc.deadlines_for_order(ORDER)
                   if d["description"].startswith("Remind the workshop")]
        assert limit["status"] == "met"
        stages = {s["stage"]: s for s in rpc.journey(P1_PLANNER, ORDER)}
        assert "machines (press in service)" in stages[f"preparation {no}"]["summary"]


def test_released_work_is_reported_daily_kept_as_history_and_breaches_when_not(published):
    with ServiceRpcProxy("planning", published.config) as rpc:
        _materials_in(published, rpc)
        [wo] = rpc.get_plan(P1_PLANNER, ORDER)["work_orders"]
        no = wo["work_order_no"]
        rpc.release_work_order(P1_PLANNER, no)
    assert_limit_breaches(published, "PLN-8.daily_progress", ORDER)  # report #1, never made
    with ServiceRpcProxy("planning", published.config) as rpc:
        late = datetime.fromisoformat(wo["planned_finish"]).replace(year=2030).isoformat()
        rpc.report_progress(P1_PLANNER, no, {"completed_quantity": "0.5", "note": "day 1",
                                             "forecast_completion": late})
        control = rpc.get_process_control(P1_PLANNER, no)
        [entry] = control["progress"]
        assert (Decimal(entry["completed"]), Decimal(entry["remaining"])) == (
            Decimal("0.5"), Decimal("0.5"))
        assert control["deviation"] is True  # forecast later than the planned finish
        rpc.record_remedy(P1_PLANNER, no, {"kind": "overtime", "note": "Saturday shift"})
        daily = [d for d in rpc.deadlines_for_order(ORDER)
                 if d["description"].startswith("Report a released")]
        assert sorted(d["status"] for d in daily) == ["breached", "open"]  # #1 late, #2 due
        rpc.complete_work_order(P1_PLANNER, no)
        daily = [d for d in rpc.deadlines_for_order(ORDER)
                 if d["description"].startswith("Report a released")]
        assert "open" not in {d["status"] for d in daily}
        [remedy] = rpc.get_process_control(P1_PLANNER, no)["remedies"]
        assert (remedy["kind"], remedy["recorded_by"]) == ("overtime", "planner.p1")
