"""Outsourcing (PLN-10), planning alone on the real broker and database: refused before the
group GM's approval, and a partner late with the return breaches PLN-10.return at close of
business of the agreed date, held by the leader so it climbs to the general manager (whom
the gateway's ladder joins with the group GM for outsourcing, X-2)."""

from datetime import datetime, time
from decimal import Decimal

import pytest
from nameko.exceptions import RemoteError
from nameko.standalone.rpc import ServiceRpcProxy
from planning_events import P1_PLANNER, instruction, order_received

from contracts.events.procurement import MaterialAvailable
from planning.service import PlanningService
from servicekit.testing import deliver_event, signed_actor, start_service
from servicekit.testing_deadlines import assert_limit_breaches
from servicekit.workcalendar import DEFAULT_CALENDAR

pytestmark = pytest.mark.service
ORDER = "SO-P1-000001"
LINES = [("KYN28-12", "2")]
GM_P1 = signed_actor({"username": "gm.p1", "roles": ["general_manager"], "companies": ["P1"]})
GROUP_GM = signed_actor({"username": "group.gm", "roles": ["group_general_manager"],
                         "companies": None})


@pytest.fixture
def released(container_factory, make_config):
    """Planning with ORDER's one work order released (its plan published, its materials in
    store)."""
    container = start_service(container_factory, PlanningService, make_config("planning"))
    deliver_event(container, "on_order_received", "sales.order_received",
                  order_received(lines=LINES), timeout=15)
    deliver_event(container, "on_production_instruction_issued",
                  "sales.production_instruction_issued", instruction(lines=LINES), timeout=15)
    with ServiceRpcProxy("planning", container.config) as rpc:
        plan = rpc.publish_plan(P1_PLANNER, ORDER, {})  # PLN-1: released once published
        for r in plan["material_requests"]:
            deliver_event(container, "on_material_available", "procurement.material_available",
                          MaterialAvailable(request_no=r["request_no"], order_no=ORDER,
                                            material_code=r["material_code"],
                                            quantity=Decimal(r["quantity"]), source="stock"),
                          timeout=15)
        rpc.release_work_order(P1_PLANNER, plan["work_orders"][0]["work_order_no"])
    return container, plan["work_orders"][0]["work_order_no"]


def test_a_late_return_breaches_to_the_general_manager_rung(released):
    container, work_order_no = released
    with ServiceRpcProxy("planning", container.config) as rpc:
        proposed = rpc.propose_outsourcing(GM_P1, work_order_no, {
            "step": 20, "partner_code": "OSP-CXWIRE", "reason": "capacity_saturated",
            "unit_price": "850.00"})
        no = proposed["outsourcing_no"]
        with pytest.raises(RemoteError) as info:
            rpc.send_outsourcing(GM_P1, no)
        assert info.value.exc_type == "Conflict"
        assert "group general manager's approval" in str(info.value)
        with pytest.raises(RemoteError) as info:
            rpc.decide_outsourcing(GM_P1, no, {"approve": True})
        assert info.value.exc_type == "Forbidden"
        assert rpc.decide_outsourcing(GROUP_GM, no, {"approve": True})["status"] == "approved"
        sent = rpc.send_outsourcing(GM_P1, no)
    agreed = datetime.fromisoformat(sent["agreed_return_date"]).date()
    assert_limit_breaches(container, "PLN-10.return", ORDER,
                          anchor=datetime.combine(agreed, time(0), DEFAULT_CALENDAR.tz),
                          escalated_to="general_manager")
