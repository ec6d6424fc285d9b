"""Closing an order (PLN-13) and the production statistics (PLN-14), planning alone on the
real broker and database: an order is planned, produced, partly scrapped by quality and
stocked; the planner closes it once, and the period's statistics count it."""

from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest
from nameko.exceptions import RemoteError
from nameko.standalone.rpc import ServiceRpcProxy
from planning_events import P1_PLANNER, P2_PLANNER, instruction, order_received

from contracts.events.logistics import FinishedGoodsStocked
from contracts.events.procurement import MaterialAvailable
from contracts.events.quality import ScrapRecorded
from planning.scheduling.work_calendar import SHANGHAI
from planning.service import PlanningService
from servicekit.testing import deliver_event, signed_actor, start_service

pytestmark = pytest.mark.service
ORDER = "SO-P1-000001"
GROUP_GM = signed_actor({"username": "group.gm", "roles": ["group_general_manager"],
                         "companies": None})
CLOSING = {"actual_cost": "512345.60", "planned_cost": "500000.00", "actual_hours": "60"}


def _refused(call) -> str:
    with pytest.raises(RemoteError) as info:
        call()
    return info.value.exc_type


def _deliver(container, entrypoint, event_type, payload):
    deliver_event(container, entrypoint, event_type, payload, timeout=15)


@pytest.fixture
def planning(container_factory, make_config):
    container = start_service(container_factory, PlanningService, make_config("planning"))
    _deliver(container, "on_order_received", "sales.order_received", order_received())
    _deliver(container, "on_production_instruction_issued",
             "sales.production_instruction_issued", instruction())
    return container


def produce(container, rpc) -> dict:
    rpc.publish_plan(P1_PLANNER, ORDER, {})  # PLN-1: released once published
    plan = rpc.get_plan(P1_PLANNER, ORDER)
    for r in plan["material_requests"]:
        _deliver(container, "on_material_available", "procurement.material_available",
                 MaterialAvailable(request_no=r["request_no"], order_no=ORDER,
                                   material_code=r["material_code"],
                                   quantity=Decimal(r["quantity"]), source="stock"))
    for wo in plan["work_orders"]:
        rpc.release_work_order(P1_PLANNER, wo["work_order_no"])
        rpc.complete_work_order(P1_PLANNER, wo["work_order_no"])
    return plan


def test_a_stocked_order_is_closed_once_and_counts_in_the_statistics(planning):
    # rule PLN-13, PLN-14, QLT-4
    today = datetime.now(SHANGHAI).date()
    with ServiceRpcProxy("planning", planning.config) as rpc:
        before = rpc.production_statistics(P1_PLANNER, "P1", today, today, None)
        plan = produce(planning, rpc)
        assert _refused(lambda: rpc.close_order(P1_PLANNER, ORDER, CLOSING)) == "Conflict"
        _deliver(planning, "on_scrap_recorded", "quality.scrap_recorded", ScrapRecorded(
            ncr_no="NCR-P1-000001", order_no=ORDER, product_code="GGD-400",
            quantity=Decimal("1"), reason="cracked door"))
        _deliver(planning, "on_finished_goods_stocked", "logistics.finished_goods_stocked",
                 FinishedGoodsStocked(order_no=ORDER, stock_entry_no="FG-P1-000001",
                                      stocked_at=datetime.now(UTC), lines=[]))
        assert _refused(lambda: rpc.close_order(P2_PLANNER, ORDER, CLOSING)) == "NotFound"

        closed = rpc.close_order(P1_PLANNER, ORDER, CLOSING)
        assert closed["closing_no"] == "CLS-P1-000001" and closed["on_time"]
        lines = {line["product_code"]: line for line in closed["lines"]}
        assert (Decimal(lines["GGD-400"]["planned_quantity"]),
                Decimal(lines["GGD-400"]["good_quantity"])) == (3, 2)
        assert (Decimal(closed["planned_quantity"]), Decimal(closed["scrapped_quantity"]),
                Decimal(closed["quantity_variance"])) == (5, 1, -1)
        # routing: KYN28-12 2 x (240+150+60) min, GGD-400 3 x (120+90+30) min = 27 h
        assert Decimal(closed["standard_hours"]) == Decimal("27.00")
        assert Decimal(closed["earned_hours"]) == Decimal("23.00")  # one GGD-400 less
        assert Decimal(closed["cost_variance"]) == Decimal("12345.60")
        assert closed["scrap_records"] == ["SCR-P1-000001"]
        assert _refused(lambda: rpc.close_order(P1_PLANNER, ORDER, CLOSING)) == "Conflict"
        assert rpc.get_plan(P1_PLANNER, ORDER)["status"] == "closed"
        assert rpc.get_closing(P1_PLANNER, ORDER)["closing_no"] == "CLS-P1-000001"
        [stage] = [s for s in rpc.journey(P1_PLANNER, ORDER) if s["stage"] == "order closed"]
        assert "4 good of 5 planned, 1 scrapped" in stage["summary"]

        after = rpc.production_statistics(P1_PLANNER, "P1", today, today, None)
        assert after["on_time"]["orders_completed"] == before["on_time"]["orders_completed"] + 1
        assert after["on_time"]["order_rate"] == "1.0000"
        assert after["on_time"]["work_orders_finished"] == len(plan["work_orders"])
        assert Decimal(after["defects"]["produced_units"]) == 5
        assert Decimal(after["defects"]["defect_rate"]) == Decimal("0.2")
        assert after["efficiency"]["closed_orders"] == 1
        assert {u["work_centre"] for u in after["utilisation"]} >= {"P1-ASSY", "P1-TEST"}


def test_statistics_are_scoped_to_the_company_and_bounded(planning):  # rule PLN-14
    today = datetime.now(SHANGHAI).date()
    with ServiceRpcProxy("planning", planning.config) as rpc:
        assert _refused(lambda: rpc.production_statistics(
            P1_PLANNER, None, today, today, None)) == "Forbidden"
        assert _refused(lambda: rpc.production_statistics(
            P1_PLANNER, "P2", today, today, None)) == "NotFound"
        assert _refused(lambda: rpc.production_statistics(
            P1_PLANNER, "P1", today, today + timedelta(days=400), None)) == "InvalidRequest"
        assert _refused(lambda: rpc.production_statistics(
            P1_PLANNER, "P1", today, today, "P2-WIND")) == "NotFound"
        group = rpc.production_statistics(GROUP_GM, None, today, today + timedelta(days=90),
                                          None)
        assert {u["company_id"] for u in group["utilisation"]} >= {"P1", "P2"}
        booked = {u["work_centre"]: Decimal(u["booked_hours"]) for u in group["utilisation"]}
        assert booked["P1-ASSY"] > 0  # the planned order's operations hold it
        one = rpc.production_statistics(P1_PLANNER, "P1", today, today + timedelta(days=90),
                                        "P1-ASSY")
        assert [u["work_centre"] for u in one["utilisation"]] == ["P1-ASSY"]
