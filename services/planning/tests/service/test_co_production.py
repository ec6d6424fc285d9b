"""Co-production instructions (CO-1, PLN-12, CO-2), planning alone on the real broker and
database with the demo master data: P1's KYN61-40.5 needs the enclosure S1 makes.

Publishing P1's plan issues a co-production instruction to S1 instead of a material
request to procurement; planning (as S1) plans it on S1's own work centres, with S1's own
material request; P1's work order waits until the part is delivered into P1's store; a
delivery left late breaches to P1's general manager (CO-2).
"""

from datetime import UTC, datetime

import pytest
from nameko.standalone.rpc import ServiceRpcProxy
from planning_events import P1_PLANNER, instruction, order_received

from contracts.events.logistics import ShipmentDelivered
from planning.service import PlanningService
from servicekit.testing import (
    deliver_event,
    signed_actor,
    start_service,
    take_all,
    wait_until,
)
from servicekit.testing_deadlines import assert_limit_breaches
from servicekit.workcalendar import DEFAULT_CALENDAR

pytestmark = pytest.mark.service
ORDER = "SO-P1-000001"
LINES = [("KYN61-40.5", "2")]
S1_PLANNER = signed_actor({"username": "planner.s1", "roles": ["planning"],
                           "companies": ["S1"]})


@pytest.fixture
def instructed(container_factory, make_config):
    container = start_service(container_factory, PlanningService, make_config("planning"))
    deliver_event(container, "on_order_received", "sales.order_received",
                  order_received(ORDER, lines=LINES), timeout=15)
    deliver_event(container, "on_production_instruction_issued",
                  "sales.production_instruction_issued", instruction(ORDER, lines=LINES),
                  timeout=15)
    with ServiceRpcProxy("planning", container.config) as rpc:
        assert rpc.list_co_production(P1_PLANNER, ORDER, 10) == [], "not before publishing"
        rpc.publish_plan(P1_PLANNER, ORDER, {"note": "as proposed"})  # PLN-1
    return container


def test_the_plan_issues_a_co_production_instruction_and_s1_plans_it(instructed, amqp_uri):
    # rules CO-1, PLN-1, PLN-12
    with ServiceRpcProxy("planning", instructed.config) as rpc:
        plan = rpc.get_plan(P1_PLANNER, ORDER)
        [request] = plan["material_requests"]
        assert (request["material_code"], request["status"]) == ("ENC-KYN61", "ordered")
        [ci] = rpc.list_co_production(P1_PLANNER, ORDER, 10)
        assert (ci["maker_company_id"], ci["requester_company_id"], ci["quantity"]) == (
            "S1", "P1", "2.000")
        assert ci["drawings"] and ci["unit_price"] == "9800.00"
        assert request["po_no"] == ci["instruction_no"]
        assert [wo["status"] for wo in plan["work_orders"]] == ["waiting_material"]
        # S1 plans it as its own order of work, on its own work centres (CO-1)
        s1_plan = wait_until(lambda: _plan(rpc, S1_PLANNER, ci["instruction_no"]), timeout=15)
        assert s1_plan["company_id"] == "S1"
        assert {op["work_centre"] for wo in s1_plan["work_orders"]
                for op in wo["operations"]} == {"S1-SHEET", "S1-COAT"}
        assert [r["material_code"] for r in s1_plan["material_requests"]] == ["SHEET-ST-2"]
        assert rpc.get_co_production(S1_PLANNER, ci["instruction_no"])["status"] == "planned"
        rpc.publish_plan(S1_PLANNER, ci["instruction_no"], {"note": "S1's plan"})  # PLN-1
        # S1 sees the instruction, not P1's plan
        with pytest.raises(Exception, match="NotFound|no plan"):
            rpc.get_plan(S1_PLANNER, ORDER)
    # procurement is asked for S1's steel only, never for the co-produced part (PLN-4)
    requested = take_all(amqp_uri, "procurement.planning.material_requested", expect=1)
    assert [(m["company_id"], m["payload"]["material_code"]) for m in requested] == [
        ("S1", "SHEET-ST-2")]


def test_delivery_into_p1s_store_makes_p1s_work_order_ready(instructed):
    # rules PLN-12, CO-1
    with ServiceRpcProxy("planning", instructed.config) as rpc:
        [ci] = rpc.list_co_production(P1_PLANNER, ORDER, 10)
        deliver_event(instructed, "on_shipment_delivered", "logistics.shipment_delivered",
                      ShipmentDelivered(order_no=ci["instruction_no"], shipment_no="SH-S1-000001",
                                        customer_code="P1", delivered_at=datetime.now(UTC),
                                        received_by="P1 store keeper", receipt_no="R-1"),
                      company_id="S1", timeout=15)
        plan = rpc.get_plan(P1_PLANNER, ORDER)
        assert plan["material_requests"][0]["status"] == "available"
        assert [wo["status"] for wo in plan["work_orders"]] == ["ready"]
        delivered = rpc.get_co_production(P1_PLANNER, ci["instruction_no"])
        assert (delivered["status"], delivered["received_by"]) == ("delivered",
                                                                    "P1 store keeper")
        [co1] = [d for d in rpc.deadlines_for_order(ORDER) if d["rule_id"] == "CO-1"]
        assert co1["status"] == "met"


def test_a_late_co_production_delivery_escalates_to_the_requesters_gm(instructed):
    # rules CO-1, CO-2, X-1, X-2
    with ServiceRpcProxy("planning", instructed.config) as rpc:
        [ci] = rpc.list_co_production(P1_PLANNER, ORDER, 10)
    needed_by = datetime.fromisoformat(ci["needed_by"]).date()
    breached = assert_limit_breaches(instructed, "CO-1.co_production_delivery", ORDER,
                                     anchor=DEFAULT_CALENDAR.start_of_business(needed_by),
                                     escalated_to="general_manager")
    assert breached.company_id == "P1", "CO-2: the requesting company's GM"


def _plan(rpc, actor, order_no):
    try:
        return rpc.get_plan(actor, order_no)
    except Exception:  # noqa: BLE001 - not planned yet
        return None
